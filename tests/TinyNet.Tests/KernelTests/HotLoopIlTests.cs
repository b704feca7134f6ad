using TinyNet.Checksums;
using TinyNet.Kernels;
using TinyNet.Link;
using Xunit.Abstractions;

namespace TinyNet.Tests.KernelTests;

/// <summary>
/// The device's hot loops counted in IL instructions, the figure that sets their speed on the
/// nanoFramework interpreter (docs/benchmarks.md). Prints every innermost loop's size.
/// </summary>
public class HotLoopIlTests(ITestOutputHelper output)
{
    private static readonly System.Reflection.MethodInfo BytesInt8 = IlLoops.Method(typeof(ScalarKernels), nameof(ScalarKernels.MatMulBytesInt8AddBias),
        typeof(byte[]), typeof(int), typeof(float), typeof(sbyte[]), typeof(float[]), typeof(float[]), typeof(int[]), typeof(float[]), typeof(int), typeof(int));
    private static readonly System.Reflection.MethodInfo Int8 = IlLoops.Method(typeof(ScalarKernels), nameof(ScalarKernels.MatMulInt8AddBias),
        typeof(float[]), typeof(sbyte[]), typeof(float[]), typeof(float[]), typeof(float[]), typeof(int), typeof(int), typeof(int));
    private static readonly System.Reflection.MethodInfo Float = IlLoops.Method(typeof(ScalarKernels), nameof(ScalarKernels.MatMulAddBias),
        typeof(float[]), typeof(float[]), typeof(float[]), typeof(float[]), typeof(int), typeof(int), typeof(int));
    private static readonly System.Reflection.MethodInfo Crc = IlLoops.Method(typeof(Crc32), nameof(Crc32.Update), typeof(uint), typeof(byte[]), typeof(int), typeof(int));

    [Fact]
    public void Prints_the_innermost_loops_of_the_hot_methods()
    {
        Print(BytesInt8);
        Print(Int8);
        Print(Float);
        Print(Crc);
        Print(IlLoops.Method(typeof(FrameDecoder), nameof(FrameDecoder.Push), typeof(byte)));
    }

    /// <summary>
    /// IL instructions per multiply-add (per byte for the CRC) in each hot loop's unrolled body, the
    /// largest innermost loop, which does 4 elements. Before the unrolling (issue 14) they were 24
    /// (int8), 23 (float) and 21 (CRC); a change that makes them worse again fails here.
    /// </summary>
    [Theory]
    [InlineData("bytes x int8", 18)]
    [InlineData("int8", 19)]
    [InlineData("float", 18)]
    [InlineData("crc", 18)]
    public void Hot_loops_stay_within_their_instruction_budget(string kernel, int budgetPerElement)
    {
        var method = kernel switch { "bytes x int8" => BytesInt8, "int8" => Int8, "float" => Float, _ => Crc };
        int largest = IlLoops.Innermost(method).Max(l => l.Instructions);
        output.WriteLine($"{kernel}: {largest} instructions per 4 elements = {largest / 4.0} per element");
        Assert.True(largest <= 4 * budgetPerElement, $"{kernel}: {largest / 4.0} IL instructions per element, the budget is {budgetPerElement}");
    }

    private void Print(System.Reflection.MethodInfo method)
    {
        var loops = IlLoops.Innermost(method);
        output.WriteLine($"{method.DeclaringType!.Name}.{method.Name}: {IlLoops.Decode(method).Count} instructions, innermost loops: "
            + string.Join(", ", loops.Select(l => $"IL_{l.Start:x4}..IL_{l.End:x4} {l.Instructions}")));
    }
}
