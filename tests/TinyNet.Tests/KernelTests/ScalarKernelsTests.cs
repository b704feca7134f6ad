using TinyNet.Kernels;

namespace TinyNet.Tests.KernelTests;

/// <summary>The device's scalar kernels (with their zero skipping and row lists) against the naive reference.</summary>
public class ScalarKernelsTests
{
    private static readonly ScalarKernels Scalar = new();

    public static IEnumerable<object[]> Shapes() => KernelParity.Shapes();
    public static IEnumerable<object[]> AwkwardShapes() => KernelParity.AwkwardShapes();

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatrixKernelsAgreeWithReference(int rows, int inner, int cols) => KernelParity.MatrixKernels(Scalar, rows, inner, cols);

    [Theory]
    [MemberData(nameof(AwkwardShapes))]
    public void MatrixKernelsAgreeWithReferenceAtAwkwardLengths(int rows, int inner, int cols) => KernelParity.MatrixKernels(Scalar, rows, inner, cols);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(784)]
    [InlineData(1000)]
    public void ElementwiseKernelsAgreeWithReference(int n) => KernelParity.ElementwiseKernels(Scalar, n);

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 5, 7)]
    [InlineData(1, 0, 64)]
    [InlineData(9, 2, 131)]
    public void AxpyAgreesWithReferenceAtAnyOffset(int xOffset, int yOffset, int count) => KernelParity.AxpyAtOffsets(Scalar, xOffset, yOffset, count);

    [Fact]
    public void NegativeZeroCountsAsZeroAndNaNAsNonzero()
    {
        float[] x = new float[20];
        x[3] = -0f;
        x[11] = float.NaN;
        x[19] = 2f;
        var columns = new int[20];
        Assert.Equal(2, Scalar.NonzeroColumns(x, 1, 20, columns));
        Assert.Equal(new[] { 11, 19 }, columns[..2]);
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(7, 3)]
    [InlineData(31, 4)]
    [InlineData(784, 5)]
    [InlineData(784, 10)]
    [InlineData(784, 128)]
    public void Byte_input_int8_kernel_sums_exactly_then_scales(int inner, int cols)
    {
        var rnd = new Random(inner * 1000 + cols);
        const int offset = 3;
        var x = new byte[offset + inner];
        for (int k = offset; k < x.Length; k++) x[k] = rnd.Next(3) == 0 ? (byte)rnd.Next(256) : (byte)0;
        x[offset] = 255;   // the largest product, 255 · ±127, at least once
        var q = new sbyte[inner * cols];
        for (int i = 0; i < q.Length; i++) q[i] = (sbyte)rnd.Next(-127, 128);
        var scale = new float[cols];
        var b = new float[cols];
        for (int j = 0; j < cols; j++) { scale[j] = 0.001f + (float)rnd.NextDouble() * 0.01f; b[j] = (float)rnd.NextDouble() - 0.5f; }
        foreach (float[]? bias in new[] { b, null })
        {
            var z = new float[cols];
            var acc = new int[cols];
            Array.Fill(acc, 12345);   // stale scratch the kernel must reset
            Scalar.MatMulBytesInt8AddBias(x, offset, 1f / 255f, q, scale, bias, acc, z, inner, cols);
            for (int j = 0; j < cols; j++)
            {
                long sum = 0;
                for (int k = 0; k < inner; k++) sum += x[offset + k] * q[k * cols + j];
                // The same formula on the exact sum: bit-identical, whatever order the kernel summed in.
                float expected = (float)sum * (scale[j] * (1f / 255f)) + (bias == null ? 0f : bias[j]);
                Assert.Equal(BitConverter.SingleToInt32Bits(expected), BitConverter.SingleToInt32Bits(z[j]));
                // And within float rounding of the float kernel on x / 255.
                double reference = sum / 255.0 * scale[j] + (bias == null ? 0 : bias[j]);
                Assert.True(Math.Abs(z[j] - reference) <= 1e-5 * Math.Max(1, Math.Abs(reference)), $"{inner}x{cols} at {j}: {z[j]} vs {reference}");
            }
        }
    }
}
