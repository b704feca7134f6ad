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
}
