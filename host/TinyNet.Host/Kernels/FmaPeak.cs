using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using TinyNet.Host.Timing;

namespace TinyNet.Host.Kernels;

/// <summary>
/// Measures the single-core float peak: a loop of fused multiply-adds into 16 independent
/// registers (more than latency × issue width, so the FMA units never wait), nothing loaded or
/// stored. What a matrix multiply on one core can at most reach, to judge <see cref="BlockedGemm"/> by.
/// </summary>
public static class FmaPeak
{
    /// <summary>GFLOP/s (one FMA = 2 flops per lane) of the best of three ~0.2 s runs, or null without the instructions.</summary>
    public static double? Gflops(int vectorBits)
    {
        if (vectorBits == 512 && !Avx512F.IsSupported) return null;
        if (vectorBits == 256 && !(Avx2.IsSupported && Fma.IsSupported)) return null;
        if (vectorBits != 512 && vectorBits != 256) throw new ArgumentOutOfRangeException(nameof(vectorBits));
        int lanes = vectorBits / 32;
        const int iterations = 2_000_000;
        Run(vectorBits, 1000);   // compile and warm up
        double best = 0;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            // This thread's CPU time: time spent waiting for a core on a shared machine is not counted.
            double start = ThreadCpuClock.Seconds();
            float sink = Run(vectorBits, iterations);
            double seconds = ThreadCpuClock.Seconds() - start;
            if (float.IsNaN(sink)) throw new InvalidOperationException("the FMA loop produced NaN");
            best = Math.Max(best, iterations * 16.0 * lanes * 2 / seconds / 1e9);
        }
        return best;
    }

    private static float Run(int vectorBits, int iterations) =>
        vectorBits == 512 ? Run512(iterations) : Run256(iterations);

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run512(int iterations)
    {
        // x · m + a with m just below 1 and a tiny: the values stay finite however long it runs.
        Vector512<float> m = Vector512.Create(0.999999f), a = Vector512.Create(1e-7f);
        Vector512<float> v0 = Vector512.Create(0.1f), v1 = Vector512.Create(0.2f), v2 = Vector512.Create(0.3f), v3 = Vector512.Create(0.4f);
        Vector512<float> v4 = v0 + v0, v5 = v1 + v0, v6 = v2 + v0, v7 = v3 + v0, v8 = v0 + v1, v9 = v1 + v1, v10 = v2 + v1, v11 = v3 + v1;
        Vector512<float> v12 = v0 + v2, v13 = v1 + v2, v14 = v2 + v2, v15 = v3 + v2;
        for (int i = 0; i < iterations; i++)
        {
            v0 = Vector512.FusedMultiplyAdd(v0, m, a); v1 = Vector512.FusedMultiplyAdd(v1, m, a);
            v2 = Vector512.FusedMultiplyAdd(v2, m, a); v3 = Vector512.FusedMultiplyAdd(v3, m, a);
            v4 = Vector512.FusedMultiplyAdd(v4, m, a); v5 = Vector512.FusedMultiplyAdd(v5, m, a);
            v6 = Vector512.FusedMultiplyAdd(v6, m, a); v7 = Vector512.FusedMultiplyAdd(v7, m, a);
            v8 = Vector512.FusedMultiplyAdd(v8, m, a); v9 = Vector512.FusedMultiplyAdd(v9, m, a);
            v10 = Vector512.FusedMultiplyAdd(v10, m, a); v11 = Vector512.FusedMultiplyAdd(v11, m, a);
            v12 = Vector512.FusedMultiplyAdd(v12, m, a); v13 = Vector512.FusedMultiplyAdd(v13, m, a);
            v14 = Vector512.FusedMultiplyAdd(v14, m, a); v15 = Vector512.FusedMultiplyAdd(v15, m, a);
        }
        return Vector512.Sum(v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11 + v12 + v13 + v14 + v15);
    }

    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static float Run256(int iterations)
    {
        // 12 accumulators: with m and a that is 14 of the 16 registers an AVX2 loop may use.
        Vector256<float> m = Vector256.Create(0.999999f), a = Vector256.Create(1e-7f);
        Vector256<float> v0 = Vector256.Create(0.1f), v1 = Vector256.Create(0.2f), v2 = Vector256.Create(0.3f), v3 = Vector256.Create(0.4f);
        Vector256<float> v4 = v0 + v0, v5 = v1 + v0, v6 = v2 + v0, v7 = v3 + v0, v8 = v0 + v1, v9 = v1 + v1, v10 = v2 + v1, v11 = v3 + v1;
        for (int i = 0; i < iterations; i++)
        {
            v0 = Vector256.FusedMultiplyAdd(v0, m, a); v1 = Vector256.FusedMultiplyAdd(v1, m, a);
            v2 = Vector256.FusedMultiplyAdd(v2, m, a); v3 = Vector256.FusedMultiplyAdd(v3, m, a);
            v4 = Vector256.FusedMultiplyAdd(v4, m, a); v5 = Vector256.FusedMultiplyAdd(v5, m, a);
            v6 = Vector256.FusedMultiplyAdd(v6, m, a); v7 = Vector256.FusedMultiplyAdd(v7, m, a);
            v8 = Vector256.FusedMultiplyAdd(v8, m, a); v9 = Vector256.FusedMultiplyAdd(v9, m, a);
            v10 = Vector256.FusedMultiplyAdd(v10, m, a); v11 = Vector256.FusedMultiplyAdd(v11, m, a);
            // Four more (the same count as the 512-bit loop) would need 18 registers; 12 in flight
            // already exceed 4-cycle latency × 2 per cycle.
            v0 = Vector256.FusedMultiplyAdd(v0, m, a); v1 = Vector256.FusedMultiplyAdd(v1, m, a);
            v2 = Vector256.FusedMultiplyAdd(v2, m, a); v3 = Vector256.FusedMultiplyAdd(v3, m, a);
        }
        return Vector256.Sum(v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11);
    }
}
