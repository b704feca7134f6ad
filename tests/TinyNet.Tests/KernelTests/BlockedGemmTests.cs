using System.Runtime.Intrinsics.X86;
using TinyNet.Host.Kernels;

namespace TinyNet.Tests.KernelTests;

/// <summary>Runs a test only on a CPU with AVX-512F; elsewhere it is reported skipped, with the reason.</summary>
public sealed class Avx512TheoryAttribute : TheoryAttribute
{
    public Avx512TheoryAttribute()
    {
        if (BlockedGemm.Avx512 == null) Skip = "this CPU has no AVX-512F: the 512-bit blocked kernel is NOT tested here";
    }
}

/// <summary>Runs a test only on a CPU with AVX2 and FMA; elsewhere it is reported skipped, with the reason.</summary>
public sealed class Avx2TheoryAttribute : TheoryAttribute
{
    public Avx2TheoryAttribute()
    {
        if (BlockedGemm.Avx2Fma == null) Skip = "this CPU has no AVX2 + FMA: the 256-bit blocked kernel is NOT tested here";
    }
}

/// <summary>
/// The blocked matrix multiply (both register widths) against a plain triple loop computed in
/// double, at sizes that hit every tile edge (1, 7, 8, 9, 31, 33 around the 6/8-row and 16/32-column
/// tiles, 128, 784, 1000 across the 256-step k blocks) in every dimension, on dense data and on data
/// with many zeros (where the weight-gradient rows come as a list with gaps).
/// </summary>
public class BlockedGemmTests
{
    private static readonly int[] Sizes = [1, 7, 8, 9, 31, 33, 128, 784, 1000];

    /// <summary>Each size as rows, as inner and as cols, the other two small; plus the MNIST shapes and a few large mixes.</summary>
    public static IEnumerable<object[]> Shapes()
    {
        foreach (int s in Sizes)
        {
            yield return new object[] { s, 9, 33 };
            yield return new object[] { 33, s, 7 };
            yield return new object[] { 8, 31, s };
        }
        yield return new object[] { 32, 784, 128 };
        yield return new object[] { 32, 128, 10 };
        yield return new object[] { 1000, 33, 784 };
        yield return new object[] { 128, 1000, 31 };
        yield return new object[] { 9, 784, 1000 };
    }

    private static BlockedGemm Variant(int bits) => (bits == 512 ? BlockedGemm.Avx512 : BlockedGemm.Avx2Fma)
        ?? throw new InvalidOperationException($"no {bits}-bit variant on this CPU");

    [Avx512Theory]
    [MemberData(nameof(Shapes))]
    public void Avx512AgreesWithTheTripleLoop(int rows, int inner, int cols)
    {
        AgreesWithTheTripleLoop(Variant(512), rows, inner, cols, zeroFraction: 0);
        AgreesWithTheTripleLoop(Variant(512), rows, inner, cols, zeroFraction: 0.75);
    }

    [Avx2Theory]
    [MemberData(nameof(Shapes))]
    public void Avx2AgreesWithTheTripleLoop(int rows, int inner, int cols)
    {
        AgreesWithTheTripleLoop(Variant(256), rows, inner, cols, zeroFraction: 0);
        AgreesWithTheTripleLoop(Variant(256), rows, inner, cols, zeroFraction: 0.75);
    }

    /// <summary>
    /// Products of at least ParallelMinRows rows share their row blocks out over threads: the same bits
    /// as one thread, for every product, at sizes with ragged last blocks (and the triple loop agrees).
    /// </summary>
    [Theory]
    [InlineData(512, 1100, 784, 33)]
    [InlineData(512, 2053, 129, 100)]
    [InlineData(256, 1100, 784, 33)]
    [InlineData(256, 1031, 1030, 17)]
    public void A_large_product_split_over_threads_gives_the_bits_of_one_thread(int bits, int rows, int inner, int cols)
    {
        BlockedGemm? gemm = bits == 512 ? BlockedGemm.Avx512 : BlockedGemm.Avx2Fma;
        if (gemm == null) return; // reported by the width's own tests above
        Assert.True((long)rows * inner * cols >= BlockedGemm.ParallelMinWork && rows >= BlockedGemm.ParallelMinRows, "the shape must be large enough to be split");
        var rnd = new Random(rows + inner + cols);
        float[] x = Random(rnd, rows * inner, 0.3), w = Random(rnd, inner * cols), b = Random(rnd, cols), dz = Random(rnd, rows * cols);
        // The weight products multiply inner × cols by rows: a transposed shape where inner is the split one.
        float[] xt = Random(rnd, cols * rows), dzt = Random(rnd, cols * inner);
        int[] all = Enumerable.Range(0, rows).ToArray();
        float[][] Run(int threads)
        {
            int before = BlockedGemm.MaxThreads;
            BlockedGemm.MaxThreads = threads;
            try
            {
                float[] z = new float[rows * cols], dx = new float[rows * inner], dw = new float[rows * inner], stepped = (float[])w.Clone();
                gemm.MatMulAddBias(x, w, b, z, rows, inner, cols);
                gemm.MatMulTransposed(dz, w, dx, rows, inner, cols);
                gemm.WeightGradient(xt, dzt, dw, cols, rows, inner, all, rows);
                float[] weights = Random(new Random(5), rows * inner);
                gemm.AddWeightGradient(-0.25f, xt, dzt, weights, cols, rows, inner, all, rows);
                return [z, dx, dw, weights];
            }
            finally
            {
                BlockedGemm.MaxThreads = before;
            }
        }
        float[][] one = Run(1), several = Run(3);
        for (int i = 0; i < one.Length; i++) Assert.True(one[i].AsSpan().SequenceEqual(several[i]), $"product {i} differs between 1 and 3 threads");
        var (expected, magnitude) = Naive.MatMulAddBias(x, w, b, rows, inner, cols);
        Close(expected, magnitude, several[0], $"z {rows}x{inner}x{cols} over threads, {bits}-bit");
    }

    private static void AgreesWithTheTripleLoop(BlockedGemm gemm, int rows, int inner, int cols, double zeroFraction)
    {
        var rnd = new Random(rows * 1_000_000 + inner * 1000 + cols + (int)(zeroFraction * 100));
        float[] x = Random(rnd, rows * inner, zeroFraction), w = Random(rnd, inner * cols), b = Random(rnd, cols);
        float[] dz = Random(rnd, rows * cols, zeroFraction / 4);
        string shape = $"{rows}x{inner}x{cols}, {zeroFraction:P0} zeros, {gemm.VectorBits}-bit";

        // Forward, with and without bias; z starts as garbage that must be overwritten.
        foreach (float[]? bias in new[] { b, null })
        {
            float[] z = Random(rnd, rows * cols);
            gemm.MatMulAddBias(x, w, bias, z, rows, inner, cols);
            var (expected, magnitude) = Naive.MatMulAddBias(x, w, bias, rows, inner, cols);
            Close(expected, magnitude, z, $"z{(bias == null ? " (no bias)" : "")} {shape}");
        }

        // Input gradient.
        {
            float[] dx = Random(rnd, rows * inner);
            gemm.MatMulTransposed(dz, w, dx, rows, inner, cols);
            var (expected, magnitude) = Naive.MatMulTransposed(dz, w, rows, inner, cols);
            Close(expected, magnitude, dx, $"dx {shape}");
        }

        // Weight gradient and fused step, over every row and over a list with gaps (the rows whose
        // inputs are not all zero, as the dense layer lists them).
        int[] all = Enumerable.Range(0, inner).ToArray();
        int[] gaps = Enumerable.Range(0, inner).Where(k => k % 3 != 1).ToArray();
        foreach (int[] list in new[] { all, gaps })
        {
            string which = list.Length == inner ? "all rows" : "listed rows";
            float[] dw = Random(rnd, inner * cols), before = (float[])dw.Clone();
            gemm.WeightGradient(x, dz, dw, rows, inner, cols, list, list.Length);
            var (expected, magnitude) = Naive.WeightGradient(x, dz, rows, inner, cols, list, before, 0f, overwrite: true);
            Close(expected, magnitude, dw, $"dw ({which}) {shape}");

            float[] weights = Random(rnd, inner * cols);
            (expected, magnitude) = Naive.WeightGradient(x, dz, rows, inner, cols, list, weights, -0.3f, overwrite: false);
            gemm.AddWeightGradient(-0.3f, x, dz, weights, rows, inner, cols, list, list.Length);
            Close(expected, magnitude, weights, $"w after fused step ({which}) {shape}");
        }
    }

    [Fact]
    public void AnyCpuThisTestRunsOnHasABlockedKernelOrTheTestSaysSo()
    {
        // Not a skip: a CPU without AVX2 + FMA runs no blocked kernel at all, which must be visible.
        Assert.True(BlockedGemm.Best != null, "this CPU has neither AVX-512F nor AVX2 + FMA: the blocked kernel is never used and untested");
        Assert.Equal(Avx512F.IsSupported ? 512 : 256, BlockedGemm.Best!.VectorBits);
    }

    /// <summary>
    /// Through the kernels the engine calls: inputs just below, at and above the density threshold
    /// (so both paths run) give the triple loop's answers, and the choice follows the threshold.
    /// </summary>
    [Theory]
    [InlineData(0.08)]
    [InlineData(0.12)]
    [InlineData(0.20)]
    [InlineData(0.24)]
    [InlineData(0.26)]
    [InlineData(0.40)]
    [InlineData(1.00)]
    public void VectorKernelsAgreeOnEitherSideOfTheDensityThreshold(double density)
    {
        const int rows = 32, inner = 784, cols = 128;
        var rnd = new Random((int)(density * 1000));
        float[] x = new float[rows * inner];
        // Exactly round(density · size) nonzeros, at random places.
        int nonzero = (int)Math.Round(density * x.Length);
        int[] places = Enumerable.Range(0, x.Length).OrderBy(_ => rnd.Next()).Take(nonzero).ToArray();
        foreach (int at in places) x[at] = (float)(rnd.NextDouble() * 2 - 1);
        float[] w = Random(rnd, inner * cols), b = Random(rnd, cols), dz = Random(rnd, rows * cols, 0);

        Assert.Equal(nonzero, DensePath.CountNonzero(x, x.Length));
        Assert.Equal(nonzero >= DensePath.DefaultMinDensity * x.Length, DensePath.Chooses(x, rows, x.Length));
        Assert.Equal(nonzero >= DensePath.LargeBatchMinDensity * x.Length, DensePath.Chooses(x, DensePath.LargeBatchRows, x.Length));
        Assert.False(DensePath.Chooses(x, DensePath.MinRows - 1, x.Length));

        var kernels = VectorKernels.Instance;
        float[] z = new float[rows * cols];
        kernels.MatMulAddBias(x, w, b, z, rows, inner, cols);
        var (expected, magnitude) = Naive.MatMulAddBias(x, w, b, rows, inner, cols);
        Close(expected, magnitude, z, $"z at density {density}");

        int[] active = new int[inner];
        int count = kernels.NonzeroColumns(x, rows, inner, active);
        float[] weights = Random(rnd, inner * cols);
        (expected, magnitude) = Naive.WeightGradient(x, dz, rows, inner, cols, active[..count], weights, -0.1f, overwrite: false);
        kernels.AddWeightGradient(-0.1f, x, dz, weights, rows, inner, cols, active, count);
        Close(expected, magnitude, weights, $"w after fused step at density {density}");

        float[] dw = new float[inner * cols];
        kernels.WeightGradient(x, dz, dw, rows, inner, cols, active, count);
        (expected, magnitude) = Naive.WeightGradient(x, dz, rows, inner, cols, active[..count], new float[inner * cols], 0f, overwrite: true);
        Close(expected, magnitude, dw, $"dw at density {density}");
    }

    [Fact]
    public void NoCallAllocatesAfterTheFirst()
    {
        BlockedGemm gemm = BlockedGemm.Best ?? throw new InvalidOperationException("no blocked kernel on this CPU");
        const int rows = 32, inner = 784, cols = 128;
        var rnd = new Random(5);
        float[] x = Random(rnd, rows * inner), w = Random(rnd, inner * cols), b = Random(rnd, cols), z = new float[rows * cols];
        float[] dz = Random(rnd, rows * cols), dx = new float[rows * inner], dw = new float[inner * cols];
        int[] list = Enumerable.Range(0, inner).ToArray();
        void All()
        {
            gemm.MatMulAddBias(x, w, b, z, rows, inner, cols);
            gemm.MatMulTransposed(dz, w, dx, rows, inner, cols);
            gemm.WeightGradient(x, dz, dw, rows, inner, cols, list, inner);
            gemm.AddWeightGradient(-0.01f, x, dz, w, rows, inner, cols, list, inner);
        }
        All();
        long before = GC.GetAllocatedBytesForCurrentThread();
        All();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void TooShortArraysAndRowsOutsideTheMatrixAreRefused()
    {
        BlockedGemm gemm = BlockedGemm.Best ?? throw new InvalidOperationException("no blocked kernel on this CPU");
        float[] x = new float[16 * 8], w = new float[8 * 4], z = new float[16 * 4];
        Assert.Throws<ArgumentException>(() => gemm.MatMulAddBias(x, w, null, new float[16 * 4 - 1], 16, 8, 4));
        Assert.Throws<ArgumentException>(() => gemm.MatMulAddBias(x, new float[8 * 4 - 1], null, z, 16, 8, 4));
        Assert.Throws<ArgumentException>(() => gemm.MatMulTransposed(z, w, new float[16 * 8 - 1], 16, 8, 4));
        Assert.Throws<ArgumentOutOfRangeException>(() => gemm.WeightGradient(x, z, new float[8 * 4], 16, 8, 4, new[] { 0, 8 }, 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => gemm.AddWeightGradient(1f, x, z, w, 16, 8, 4, new[] { -1 }, 1));
    }

    private static float[] Random(Random rnd, int n, double zeroFraction = 0)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rnd.NextDouble() < zeroFraction ? 0f : (float)(rnd.NextDouble() * 2 - 1);
        return a;
    }

    /// <summary>
    /// Within 1e-5 of the sum of the terms' magnitudes (at least 1): the most that adding the same
    /// terms in another order, with fused multiply-adds, can move a float sum by here.
    /// </summary>
    private static void Close(double[] expected, double[] magnitude, float[] actual, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            double tolerance = 1e-5 * Math.Max(1, magnitude[i]);
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"{what}: [{i}] expected {expected[i]}, got {actual[i]}");
        }
    }

    /// <summary>The plain triple loops, in double: each result with the sum of its terms' magnitudes.</summary>
    private static class Naive
    {
        public static (double[] Value, double[] Magnitude) MatMulAddBias(float[] x, float[] w, float[]? b, int rows, int inner, int cols)
        {
            var value = new double[rows * cols];
            var magnitude = new double[rows * cols];
            for (int r = 0; r < rows; r++)
                for (int j = 0; j < cols; j++)
                {
                    double sum = b == null ? 0 : b[j], abs = Math.Abs(sum);
                    for (int k = 0; k < inner; k++)
                    {
                        double term = (double)x[r * inner + k] * w[k * cols + j];
                        sum += term;
                        abs += Math.Abs(term);
                    }
                    value[r * cols + j] = sum;
                    magnitude[r * cols + j] = abs;
                }
            return (value, magnitude);
        }

        public static (double[] Value, double[] Magnitude) MatMulTransposed(float[] dz, float[] w, int rows, int inner, int cols)
        {
            var value = new double[rows * inner];
            var magnitude = new double[rows * inner];
            for (int r = 0; r < rows; r++)
                for (int k = 0; k < inner; k++)
                {
                    double sum = 0, abs = 0;
                    for (int j = 0; j < cols; j++)
                    {
                        double term = (double)dz[r * cols + j] * w[k * cols + j];
                        sum += term;
                        abs += Math.Abs(term);
                    }
                    value[r * inner + k] = sum;
                    magnitude[r * inner + k] = abs;
                }
            return (value, magnitude);
        }

        /// <summary>
        /// For listed rows k: start[k, j] + scale · Σᵣ x[r, k] · dz[r, j], or (overwrite) just
        /// Σᵣ x[r, k] · dz[r, j]; rows not listed keep start.
        /// </summary>
        public static (double[] Value, double[] Magnitude) WeightGradient(float[] x, float[] dz, int rows, int inner, int cols, int[] list, float[] start, float scale, bool overwrite)
        {
            var value = start.Select(v => (double)v).ToArray();
            var magnitude = start.Select(v => (double)Math.Abs(v)).ToArray();
            foreach (int k in list)
                for (int j = 0; j < cols; j++)
                {
                    double sum = 0, abs = 0;
                    for (int r = 0; r < rows; r++)
                    {
                        double term = (double)x[r * inner + k] * dz[r * cols + j];
                        sum += term;
                        abs += Math.Abs(term);
                    }
                    int at = k * cols + j;
                    if (overwrite)
                    {
                        value[at] = sum;
                        magnitude[at] = abs;
                    }
                    else
                    {
                        value[at] += scale * sum;
                        magnitude[at] += Math.Abs(scale) * abs;
                    }
                }
            return (value, magnitude);
        }
    }
}
