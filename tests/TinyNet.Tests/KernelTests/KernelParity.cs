using TinyNet.Kernels;

namespace TinyNet.Tests.KernelTests;

/// <summary>
/// Holds a kernel set to <see cref="ReferenceKernels"/>' answers (to float rounding) for every
/// shape: the vector kernels' block sizes (64, 32, 8 columns) and their tails, batches, and
/// inputs with many zeros. Used for the device's scalar kernels and the host's vector kernels alike.
/// </summary>
public static class KernelParity
{
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int rows in new[] { 1, 3, 17 })
            foreach (int inner in new[] { 1, 7, 9, 40 })
                foreach (int cols in new[] { 1, 5, 8, 10, 31, 33, 64, 100, 128, 136 })
                    yield return new object[] { rows, inner, cols };
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

    public static float[] Random(Random rnd, int n, double zeroFraction = 0)
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
    public static void Close(float[] expected, float[] actual, string what, float[]? magnitude = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            float tolerance = 1e-5f * Math.Max(1f, Math.Max(Math.Abs(expected[i]), magnitude?[i] ?? 0f));
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}[{i}]: reference {expected[i]}, kernel {actual[i]}");
        }
    }

    /// <summary>Every matrix kernel of <paramref name="kernels"/> against the reference for one shape.</summary>
    public static void MatrixKernels(ScalarKernels kernels, int rows, int inner, int cols)
    {
        var rnd = new Random(rows * 10000 + inner * 100 + cols);
        float[] x = Random(rnd, rows * inner, 0.6), w = Random(rnd, inner * cols), b = Random(rnd, cols), dz = Random(rnd, rows * cols, 0.1);

        foreach (float[]? bias in new[] { b, null })
        {
            float[] z = Random(rnd, rows * cols);   // stale values the kernel must overwrite
            kernels.MatMulAddBias(x, w, bias, z, rows, inner, cols);
            float[] magnitude = ReferenceKernels.MatMulAddBias(Abs(x), Abs(w), bias == null ? null : Abs(bias), rows, inner, cols);
            Close(ReferenceKernels.MatMulAddBias(x, w, bias, rows, inner, cols), z, bias == null ? "z (no bias)" : "z", magnitude);
        }

        var active = new int[inner];
        int count = kernels.NonzeroColumns(x, rows, inner, active);
        Assert.Equal(ReferenceKernels.NonzeroColumns(x, rows, inner), active[..count]);   // entries after the count are scratch

        // The row-list kernels, given the nonzero rows, must produce the whole gradient: the rows
        // they skip are exactly zero in the reference.
        float[] dw = new float[inner * cols];
        kernels.WeightGradient(x, dz, dw, rows, inner, cols, active, count);
        Close(ReferenceKernels.WeightGradient(x, dz, rows, inner, cols), dw, "dw");

        float[] stepped = (float[])w.Clone();
        kernels.AddWeightGradient(-0.3f, x, dz, stepped, rows, inner, cols, active, count);
        Close(ReferenceKernels.AddWeightGradient(-0.3f, x, dz, w, rows, inner, cols), stepped, "w after fused step");

        float[] dx = Random(rnd, rows * inner);
        kernels.MatMulTransposed(dz, w, dx, rows, inner, cols);
        Close(ReferenceKernels.MatMulTransposed(dz, w, rows, inner, cols), dx, "dx", ReferenceKernels.MatMulTransposed(Abs(dz), Abs(w), rows, inner, cols));

        float[] db = Random(rnd, cols);
        kernels.SumRows(dz, db, rows, cols);
        Close(ReferenceKernels.SumRows(dz, rows, cols), db, "db");

        sbyte[] q = Enumerable.Range(0, inner * cols).Select(_ => (sbyte)rnd.Next(-127, 128)).ToArray();
        float[] scale = Abs(Random(rnd, cols)).Select(s => s / 127f).ToArray();
        foreach (float[]? bias in new[] { b, null })
        {
            float[] z = Random(rnd, rows * cols);
            kernels.MatMulInt8AddBias(x, q, scale, bias, z, rows, inner, cols);
            float[] magnitude = ReferenceKernels.MatMulInt8AddBias(Abs(x), q.Select(v => (sbyte)Math.Abs((int)v)).ToArray(), scale, bias == null ? null : Abs(bias), rows, inner, cols);
            Close(ReferenceKernels.MatMulInt8AddBias(x, q, scale, bias, rows, inner, cols), z, bias == null ? "int8 z (no bias)" : "int8 z", magnitude);
        }
    }

    /// <summary>tanh, sigmoid and axpy of <paramref name="kernels"/> against the reference for n values.</summary>
    public static void ElementwiseKernels(ScalarKernels kernels, int n)
    {
        var rnd = new Random(n);
        float[] z = Random(rnd, n);
        for (int i = 0; i < n; i++) z[i] *= 8f;   // reach the saturated tails too
        float[] a = new float[n];
        kernels.Tanh(z, a, n);
        Close(ReferenceKernels.Tanh(z, n), a, "tanh");
        kernels.Sigmoid(z, a, n);
        Close(ReferenceKernels.Sigmoid(z, n), a, "sigmoid");
        float[] y = Random(rnd, n), expected = ReferenceKernels.Axpy(0.3f, z, 0, y, 0, n);
        kernels.Axpy(0.3f, z, 0, y, 0, n);
        Close(expected, y, "axpy");
    }

    /// <summary>Axpy of <paramref name="kernels"/> at offsets, against the reference.</summary>
    public static void AxpyAtOffsets(ScalarKernels kernels, int xOffset, int yOffset, int count)
    {
        var rnd = new Random(count);
        float[] x = Random(rnd, xOffset + count + 3), y = Random(rnd, yOffset + count + 3);
        float[] expected = ReferenceKernels.Axpy(-0.7f, x, xOffset, y, yOffset, count);
        kernels.Axpy(-0.7f, x, xOffset, y, yOffset, count);
        Close(expected, y, "y");
    }
}
