using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace TinyNet.Host.Kernels;

/// <summary>
/// Chooses, per call, between <see cref="VectorKernels"/>' sparse row kernels (which skip zero
/// inputs: MNIST is ~81 % zeros) and <see cref="BlockedGemm"/> (which does every multiply-add, but
/// several times faster per multiply-add), from the batch size and the measured share of nonzero inputs.
/// </summary>
/// <remarks>
/// The threshold was measured with <c>tinynet bench --dense</c> (the "crossover" lines): the time of
/// both kernels for 784 × 128 at batch 32 over inputs of growing density. See docs/benchmarks.md,
/// "Dense inputs". Each method returns false when it did nothing, and the caller runs its own kernel.
/// </remarks>
public static class DensePath
{
    /// <summary>Below this many rows (samples in the batch) the blocked kernel's tiles are mostly padding: never used.</summary>
    public const int MinRows = 8;

    /// <summary>The measured crossover: the blocked kernel runs when at least this share of the inputs is nonzero.</summary>
    public const float DefaultMinDensity = 0.25f;

    [ThreadStatic] private static float t_minDensity;
    [ThreadStatic] private static bool t_overridden;

    /// <summary>
    /// The share of nonzero inputs from which the blocked kernel runs, on this thread (default
    /// <see cref="DefaultMinDensity"/>). Benchmarks set 0 to force the blocked kernel and a value
    /// above 1 to force the sparse one.
    /// </summary>
    public static float MinDensity
    {
        get => t_overridden ? t_minDensity : DefaultMinDensity;
        set { t_minDensity = value; t_overridden = true; }
    }

    /// <summary>Whether x[0..count) is dense enough for the blocked kernel (and the CPU has one).</summary>
    public static bool Chooses(float[] x, int rows, int count)
    {
        if (rows < MinRows || BlockedGemm.Best == null || count <= 0 || count > x.Length) return false;
        float minDensity = MinDensity;
        if (minDensity <= 0f) return true;
        if (minDensity > 1f) return false;
        return CountNonzero(x, count) >= minDensity * count;
    }

    /// <summary>How many of x[0..count) are nonzero (−0 counts as zero, NaN as nonzero).</summary>
    public static int CountNonzero(float[] x, int count)
    {
        ref float xRef = ref MemoryMarshal.GetArrayDataReference(x);
        if ((uint)count > (uint)x.Length) throw new ArgumentOutOfRangeException(nameof(count));
        int zeros = 0, i = 0;
        for (; i + 8 <= count; i += 8)
        {
            zeros += BitOperations.PopCount(Vector256.Equals(Vector256.LoadUnsafe(ref xRef, (nuint)i), Vector256<float>.Zero).ExtractMostSignificantBits());
        }
        for (; i < count; i++)
        {
            if (x[i] == 0f) zeros++;
        }
        return count - zeros;
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
