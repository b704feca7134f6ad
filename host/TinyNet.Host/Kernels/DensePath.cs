using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TinyNet.Host.Kernels;

/// <summary>
/// Chooses, per call, between <see cref="VectorKernels"/>' sparse row kernels (which skip zero
/// inputs: MNIST is ~81 % zeros) and <see cref="BlockedGemm"/> (which does every multiply-add, but
/// several times faster per multiply-add), from the batch size and the measured share of nonzero inputs.
/// </summary>
/// <remarks>
/// The thresholds were measured with <c>tinynet bench --dense</c> (its "crossover" figures: this
/// thread's CPU time of both paths, each forced, over inputs with a growing share of nonzeros
/// placed at random, and over real MNIST batches). On 2026-12-02, 784 → 128:
/// at batch 32 (forward + fused weight step) the sparse path costs 91, 106, 123, 136 µs at 10, 15,
/// 20, 25 % nonzeros, the blocked one 94-138 µs whatever the density: they cross near 18-20 %,
/// and on MNIST batches (18.5 % nonzero, the ink clustered so fewer weight rows are touched) the
/// sparse path is still ahead (95 against 103 µs); hence 20 %.
/// At 1024 rows (forward alone) the sparse path costs 1.0, 1.4, 1.6, 1.9 ms at 5, 10, 15, 20 %,
/// the blocked one 1.34-1.57 ms: they cross near 12 %, and on MNIST the blocked path wins (1.34
/// against 1.64 ms); hence 12 % from 1024 rows. See docs/benchmarks.md, "Dense inputs".
/// Each method returns false when it did nothing, and the caller runs its own kernel.
/// </remarks>
public static class DensePath
{
    /// <summary>Below this many rows (samples in the batch) the blocked kernel's tiles are mostly padding: never used.</summary>
    public const int MinRows = 8;

    /// <summary>The measured crossover for training batches: the blocked kernel runs when at least this share of the inputs is nonzero.</summary>
    public const float DefaultMinDensity = 0.20f;

    /// <summary>From this many rows on (inference over a data set), <see cref="LargeBatchMinDensity"/> applies instead.</summary>
    public const int LargeBatchRows = 1024;

    /// <summary>
    /// The measured crossover for large batches: the blocked kernel packs each weight panel once
    /// for hundreds of rows there, so it wins at lower densities than at batch 32.
    /// </summary>
    public const float LargeBatchMinDensity = 0.12f;

    [ThreadStatic] private static float t_minDensity;
    [ThreadStatic] private static bool t_overridden;

    /// <summary>
    /// Overrides, on this thread, the share of nonzero inputs from which the blocked kernel runs
    /// (null: the measured defaults). Benchmarks set 0 to force the blocked kernel and a value
    /// above 1 to force the sparse one.
    /// </summary>
    public static float? MinDensityOverride
    {
        get => t_overridden ? t_minDensity : null;
        set { t_minDensity = value ?? 0f; t_overridden = value != null; }
    }

    /// <summary>The share of nonzero inputs from which the blocked kernel runs for a batch of <paramref name="rows"/>.</summary>
    public static float MinDensity(int rows) =>
        t_overridden ? t_minDensity : rows >= LargeBatchRows ? LargeBatchMinDensity : DefaultMinDensity;

    /// <summary>Whether x[0..count) is dense enough for the blocked kernel (and the CPU has one).</summary>
    public static bool Chooses(float[] x, int rows, int count)
    {
        if (rows < MinRows || BlockedGemm.Best == null || count <= 0 || count > x.Length) return false;
        float minDensity = MinDensity(rows);
        if (minDensity <= 0f) return true;
        if (minDensity > 1f) return false;
        return AtLeastNonzero(x, count, (int)Math.Ceiling(minDensity * count));
    }

    /// <summary>
    /// Whether at least <paramref name="needed"/> of x[0..count) are nonzero; counts 4096 entries
    /// at a time and stops as soon as the answer is known (a 10,000-image batch is 31 MB).
    /// </summary>
    private static bool AtLeastNonzero(float[] x, int count, int needed)
    {
        const int chunk = 4096;
        int nonzero = 0;
        for (int start = 0; start < count; start += chunk)
        {
            int length = Math.Min(chunk, count - start);
            nonzero += length - CountZeros(x, start, length);
            if (nonzero >= needed) return true;
            if (nonzero + (count - start - length) < needed) return false;
        }
        return nonzero >= needed;
    }

    /// <summary>How many of x[0..count) are nonzero (−0 counts as zero, NaN as nonzero).</summary>
    public static int CountNonzero(float[] x, int count)
    {
        if ((uint)count > (uint)x.Length) throw new ArgumentOutOfRangeException(nameof(count));
        return count - CountZeros(x, 0, count);
    }

    // Zeros in x[start..start+length); the caller has checked the bounds.
    private static int CountZeros(float[] x, int start, int length)
    {
        ref float xRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), start);
        int zeros = 0, i = 0;
        for (; i + 8 <= length; i += 8)
        {
            zeros += BitOperations.PopCount(Vector256.Equals(Vector256.LoadUnsafe(ref xRef, (nuint)i), Vector256<float>.Zero).ExtractMostSignificantBits());
        }
        for (; i < length; i++)
        {
            if (Unsafe.Add(ref xRef, i) == 0f) zeros++;
        }
        return zeros;
    }

    /// <summary><see cref="BlockedGemm.MatMulAddBias"/> when x is dense enough.</summary>
    public static bool TryMatMulAddBias(float[] x, float[] w, float[]? b, float[] z, int rows, int inner, int cols)
    {
        if (!Chooses(x, rows, rows * inner)) return false;
        BlockedGemm.Best!.MatMulAddBias(x, w, b, z, rows, inner, cols);
        return true;
    }

    /// <summary><see cref="BlockedGemm.MatMulTransposed"/> when dz is dense enough.</summary>
    public static bool TryMatMulTransposed(float[] dz, float[] w, float[] dx, int rows, int inner, int cols)
    {
        if (!Chooses(dz, rows, rows * cols)) return false;
        BlockedGemm.Best!.MatMulTransposed(dz, w, dx, rows, inner, cols);
        return true;
    }

    /// <summary><see cref="BlockedGemm.WeightGradient"/> when x is dense enough.</summary>
    public static bool TryWeightGradient(float[] x, float[] dz, float[] dw, int rows, int inner, int cols, int[] rowsToCompute, int rowCount)
    {
        if (!Chooses(x, rows, rows * inner)) return false;
        BlockedGemm.Best!.WeightGradient(x, dz, dw, rows, inner, cols, rowsToCompute, rowCount);
        return true;
    }

    /// <summary><see cref="BlockedGemm.AddWeightGradient"/> when x is dense enough.</summary>
    public static bool TryAddWeightGradient(float scale, float[] x, float[] dz, float[] w, int rows, int inner, int cols, int[] rowsToUpdate, int rowCount)
    {
        if (!Chooses(x, rows, rows * inner)) return false;
        BlockedGemm.Best!.AddWeightGradient(scale, x, dz, w, rows, inner, cols, rowsToUpdate, rowCount);
        return true;
    }
}
