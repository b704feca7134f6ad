using TinyNet.Host.Kernels;
using TinyNet.Kernels;

namespace TinyNet.Tests.KernelTests;

/// <summary>
/// The host's vectorized kernels must give the naive reference's answers (to float rounding) for
/// every shape: the block sizes (64, 32, 8 columns) and their tails, batches, and inputs with many
/// zeros. Every test here is reported skipped, by name, where the SIMD path does not run.
/// </summary>
public class VectorKernelsTests
{
    private static readonly ScalarKernels Vector = VectorKernels.Instance;

    public static IEnumerable<object[]> Shapes() => KernelParity.Shapes();
    public static IEnumerable<object[]> AwkwardShapes() => KernelParity.AwkwardShapes();

    [SimdTheory]
    [MemberData(nameof(Shapes))]
    public void MatrixKernelsAgreeWithReference(int rows, int inner, int cols) => KernelParity.MatrixKernels(Vector, rows, inner, cols);

    [SimdTheory]
    [MemberData(nameof(AwkwardShapes))]
    public void MatrixKernelsAgreeWithReferenceAtAwkwardLengths(int rows, int inner, int cols) => KernelParity.MatrixKernels(Vector, rows, inner, cols);

    [SimdTheory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(784)]
    [InlineData(1000)]
    public void ElementwiseKernelsAgreeWithReference(int n) => KernelParity.ElementwiseKernels(Vector, n);

    [SimdTheory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 5, 7)]
    [InlineData(1, 0, 64)]
    [InlineData(9, 2, 131)]
    public void AxpyAgreesWithReferenceAtAnyOffset(int xOffset, int yOffset, int count) => KernelParity.AxpyAtOffsets(Vector, xOffset, yOffset, count);

    [SimdFact]
    public void NegativeZeroCountsAsZeroAndNaNAsNonzero()
    {
        float[] x = new float[20];
        x[3] = -0f;
        x[11] = float.NaN;
        x[19] = 2f;
        var columns = new int[20];
        Assert.Equal(2, Vector.NonzeroColumns(x, 1, 20, columns));
        Assert.Equal(new[] { 11, 19 }, columns[..2]);
    }

    [SimdFact]
    public void TooShortArraysAreRefusedInsteadOfReadPastTheEnd()
    {
        Assert.Throws<ArgumentException>(() => Vector.MatMulAddBias(new float[10], new float[10], null, new float[4], 2, 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vector.Axpy(1f, new float[8], 4, new float[16], 0, 5));
    }
}
