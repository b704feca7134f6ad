using TinyNet.Host.Kernels;
using TinyNet.Kernels;

namespace TinyNet.Tests.KernelTests;

/// <summary>
/// The vectorized kernels must give the scalar reference's answers (to float rounding) for every
/// shape: the block sizes (64, 32, 8 columns) and their tails, batches, and inputs with many zeros.
/// </summary>
public class VectorKernelsTests
{
    private static readonly ScalarKernels Scalar = new();
    private static readonly ScalarKernels Vector = VectorKernels.Instance;

    public static IEnumerable<object[]> Shapes()
    {
        foreach (int rows in new[] { 1, 3, 17 })
            foreach (int inner in new[] { 1, 7, 9, 40 })
                foreach (int cols in new[] { 1, 5, 8, 10, 31, 33, 64, 100, 128, 136 })
                    yield return new object[] { rows, inner, cols };
    }

    private static float[] Random(Random rnd, int n, double zeroFraction = 0)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.NextDouble() < zeroFraction ? 0f : (float)(rnd.NextDouble() * 2 - 1);
        return a;
    }

    private static float[] Abs(float[] a) => a.Select(Math.Abs).ToArray();

    /// <summary>
    /// Within 1e-5 relative. For a sum that cancels (a 1000-term dot product adding up to ~0.8 from
    /// terms of ~0.3), "relative" means relative to the sum of the terms' magnitudes — the most that
    /// reordering the additions can change it by — which <paramref name="magnitude"/> gives.
    /// </summary>
    private static void Close(float[] expected, float[] actual, string what, float[]? magnitude = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = 1e-5f * Math.Max(1f, Math.Max(Math.Abs(expected[i]), magnitude?[i] ?? 0f));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: scalar {expected[i]}, vector {actual[i]}");
        }
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public void MatrixKernelsAgreeWithScalar(int rows, int inner, int cols)
    {
        var rnd = new Random(rows * 10000 + inner * 100 + cols);
        float[] x = Random(rnd, rows * inner, 0.6), w = Random(rnd, inner * cols), b = Random(rnd, cols), dz = Random(rnd, rows * cols, 0.1);

        foreach (float[]? bias in new[] { b, null })
        {
            float[] zs = Random(rnd, rows * cols), zv = (float[])zs.Clone();
            float[] zm = new float[rows * cols];
            Scalar.MatMulAddBias(x, w, bias, zs, rows, inner, cols);
            Vector.MatMulAddBias(x, w, bias, zv, rows, inner, cols);
            Scalar.MatMulAddBias(Abs(x), Abs(w), bias == null ? null : Abs(bias), zm, rows, inner, cols);
            Close(zs, zv, bias == null ? "z (no bias)" : "z", zm);
        }

        var active = new int[inner];
        int count = Scalar.NonzeroColumns(x, rows, inner, active);
        var activeV = new int[inner];
        Assert.Equal(count, Vector.NonzeroColumns(x, rows, inner, activeV));
        Assert.Equal(active[..count], activeV[..count]);   // entries after the count are scratch

        float[] dws = new float[inner * cols], dwv = new float[inner * cols];
        Scalar.WeightGradient(x, dz, dws, rows, inner, cols, active, count);
        Vector.WeightGradient(x, dz, dwv, rows, inner, cols, active, count);
        Close(dws, dwv, "dw");

        float[] ws = (float[])w.Clone(), wv = (float[])w.Clone();
        Scalar.AddWeightGradient(-0.3f, x, dz, ws, rows, inner, cols, active, count);
        Vector.AddWeightGradient(-0.3f, x, dz, wv, rows, inner, cols, active, count);
        Close(ws, wv, "w after fused step");

        float[] dxs = new float[rows * inner], dxv = new float[rows * inner], dxm = new float[rows * inner];
        Scalar.MatMulTransposed(dz, w, dxs, rows, inner, cols);
        Vector.MatMulTransposed(dz, w, dxv, rows, inner, cols);
        Scalar.MatMulTransposed(Abs(dz), Abs(w), dxm, rows, inner, cols);
        Close(dxs, dxv, "dx", dxm);

        float[] dbs = new float[cols], dbv = new float[cols];
        Scalar.SumRows(dz, dbs, rows, cols);
        Vector.SumRows(dz, dbv, rows, cols);
        Close(dbs, dbv, "db");
    }

    /// <summary>The awkward lengths (1, 7, 31, 784, 1000) as every matrix dimension.</summary>
    public static IEnumerable<object[]> AwkwardShapes()
    {
        int[] lengths = [1, 7, 31, 784, 1000];
        foreach (int rows in new[] { 1, 2 })
            foreach (int inner in lengths)
                foreach (int cols in lengths)
                    yield return new object[] { rows, inner, cols };
    }

    [Theory]
    [MemberData(nameof(AwkwardShapes))]
    public void MatrixKernelsAgreeWithScalarAtAwkwardLengths(int rows, int inner, int cols) =>
        MatrixKernelsAgreeWithScalar(rows, inner, cols);

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(31)]
    [InlineData(784)]
    [InlineData(1000)]
    public void ElementwiseKernelsAgreeWithScalar(int n)
    {
        var rnd = new Random(n);
        float[] z = Random(rnd, n);
        for (int i = 0; i < n; i++) z[i] *= 8f;   // reach the saturated tails too
        float[] scalar = new float[n], vector = new float[n];
        Scalar.Tanh(z, scalar, n);
        Vector.Tanh(z, vector, n);
        Close(scalar, vector, "tanh");
        Scalar.Sigmoid(z, scalar, n);
        Vector.Sigmoid(z, vector, n);
        Close(scalar, vector, "sigmoid");
        float[] ys = Random(rnd, n), yv = (float[])ys.Clone();
        Scalar.Axpy(0.3f, z, 0, ys, 0, n);
        Vector.Axpy(0.3f, z, 0, yv, 0, n);
        Close(ys, yv, "axpy");
    }

    [Theory]
    [InlineData(0, 0, 0)]
    [InlineData(3, 5, 7)]
    [InlineData(1, 0, 64)]
    [InlineData(9, 2, 131)]
    public void AxpyAgreesWithScalarAtAnyOffset(int xOffset, int yOffset, int count)
    {
        var rnd = new Random(count);
        float[] x = Random(rnd, xOffset + count + 3), ys = Random(rnd, yOffset + count + 3), yv = (float[])ys.Clone();
        Scalar.Axpy(-0.7f, x, xOffset, ys, yOffset, count);
        Vector.Axpy(-0.7f, x, xOffset, yv, yOffset, count);
        Close(ys, yv, "y");
    }

    [Fact]
    public void NegativeZeroCountsAsZeroAndNaNAsNonzero()
    {
        float[] x = new float[20];
        x[3] = -0f;
        x[11] = float.NaN;
        x[19] = 2f;
        var columns = new int[20];
        Assert.Equal(2, Vector.NonzeroColumns(x, 1, 20, columns));
        Assert.Equal(new[] { 11, 19 }, columns[..2]);
        Assert.Equal(2, Scalar.NonzeroColumns(x, 1, 20, columns));
    }

    [Fact]
    public void TooShortArraysAreRefusedInsteadOfReadPastTheEnd()
    {
        Assert.Throws<ArgumentException>(() => Vector.MatMulAddBias(new float[10], new float[10], null, new float[4], 2, 5, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vector.Axpy(1f, new float[8], 4, new float[16], 0, 5));
    }
}
