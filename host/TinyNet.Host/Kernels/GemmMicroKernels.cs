using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace TinyNet.Host.Kernels;

/// <summary>
/// The innermost loops of <see cref="BlockedGemm"/>: an MR × NR tile of C kept in registers while
/// the packed panels of A (kc × MR) and B (kc × NR) stream past, one rank-1 update per step of k.
/// </summary>
/// <remarks>
/// Per step of k a kernel loads NR floats of B once (as whole vectors) and broadcasts MR floats of
/// A, then does MR · NR / lanes fused multiply-adds into independent accumulators: enough of them
/// (16 or 12) that the FMA latency (4-5 cycles, two issued per cycle) is hidden, few enough that
/// accumulators, B vectors and the broadcast all stay in registers (32 with AVX-512, 16 with AVX2).
/// Rows of C are reached through <c>rowOffsets</c>, so the tile can be scattered to listed rows.
/// </remarks>
internal static class GemmMicroKernels
{
    /// <summary>AVX-512 tile: 8 rows × 32 columns (two 16-float vectors per row, 16 accumulators).</summary>
    public const int Rows512 = 8, Columns512 = 32;

    /// <summary>AVX2 tile: 6 rows × 16 columns (two 8-float vectors per row, 12 accumulators).</summary>
    public const int Rows256 = 6, Columns256 = 16;

    /// <summary>C[rowOffsets[i] + j] (+)= Σₚ aPanel[p · 8 + i] · bPanel[p · 32 + j] for an 8 × 32 tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile512(ref float a, ref float b, int kc, ref float c, ref int rowOffsets, bool accumulate)
    {
        Vector512<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default, c30 = default, c31 = default;
        Vector512<float> c40 = default, c41 = default, c50 = default, c51 = default, c60 = default, c61 = default, c70 = default, c71 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector512<float> b0 = Vector512.LoadUnsafe(ref b), b1 = Vector512.LoadUnsafe(ref b, 16);
            Vector512<float> x = Vector512.Create(a);
            c00 = Vector512.FusedMultiplyAdd(x, b0, c00); c01 = Vector512.FusedMultiplyAdd(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Vector512.FusedMultiplyAdd(x, b0, c10); c11 = Vector512.FusedMultiplyAdd(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Vector512.FusedMultiplyAdd(x, b0, c20); c21 = Vector512.FusedMultiplyAdd(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Vector512.FusedMultiplyAdd(x, b0, c30); c31 = Vector512.FusedMultiplyAdd(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Vector512.FusedMultiplyAdd(x, b0, c40); c41 = Vector512.FusedMultiplyAdd(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Vector512.FusedMultiplyAdd(x, b0, c50); c51 = Vector512.FusedMultiplyAdd(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Vector512.FusedMultiplyAdd(x, b0, c60); c61 = Vector512.FusedMultiplyAdd(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Vector512.FusedMultiplyAdd(x, b0, c70); c71 = Vector512.FusedMultiplyAdd(x, b1, c71);
            a = ref Unsafe.Add(ref a, Rows512);
            b = ref Unsafe.Add(ref b, Columns512);
        }
        Store(ref Unsafe.Add(ref c, rowOffsets), c00, c01, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 1)), c10, c11, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 2)), c20, c21, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 3)), c30, c31, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 4)), c40, c41, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 5)), c50, c51, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 6)), c60, c61, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 7)), c70, c71, accumulate);
    }

    /// <summary>C[rowOffsets[i] + j] (+)= Σₚ aPanel[p · 6 + i] · bPanel[p · 16 + j] for a 6 × 16 tile.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Tile256(ref float a, ref float b, int kc, ref float c, ref int rowOffsets, bool accumulate)
    {
        Vector256<float> c00 = default, c01 = default, c10 = default, c11 = default, c20 = default, c21 = default;
        Vector256<float> c30 = default, c31 = default, c40 = default, c41 = default, c50 = default, c51 = default;
        for (int p = 0; p < kc; p++)
        {
            Vector256<float> b0 = Vector256.LoadUnsafe(ref b), b1 = Vector256.LoadUnsafe(ref b, 8);
            Vector256<float> x = Vector256.Create(a);
            c00 = Vector256.FusedMultiplyAdd(x, b0, c00); c01 = Vector256.FusedMultiplyAdd(x, b1, c01);
            x = Vector256.Create(Unsafe.Add(ref a, 1));
            c10 = Vector256.FusedMultiplyAdd(x, b0, c10); c11 = Vector256.FusedMultiplyAdd(x, b1, c11);
            x = Vector256.Create(Unsafe.Add(ref a, 2));
            c20 = Vector256.FusedMultiplyAdd(x, b0, c20); c21 = Vector256.FusedMultiplyAdd(x, b1, c21);
            x = Vector256.Create(Unsafe.Add(ref a, 3));
            c30 = Vector256.FusedMultiplyAdd(x, b0, c30); c31 = Vector256.FusedMultiplyAdd(x, b1, c31);
            x = Vector256.Create(Unsafe.Add(ref a, 4));
            c40 = Vector256.FusedMultiplyAdd(x, b0, c40); c41 = Vector256.FusedMultiplyAdd(x, b1, c41);
            x = Vector256.Create(Unsafe.Add(ref a, 5));
            c50 = Vector256.FusedMultiplyAdd(x, b0, c50); c51 = Vector256.FusedMultiplyAdd(x, b1, c51);
            a = ref Unsafe.Add(ref a, Rows256);
            b = ref Unsafe.Add(ref b, Columns256);
        }
        Store(ref Unsafe.Add(ref c, rowOffsets), c00, c01, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 1)), c10, c11, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 2)), c20, c21, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 3)), c30, c31, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 4)), c40, c41, accumulate);
        Store(ref Unsafe.Add(ref c, Unsafe.Add(ref rowOffsets, 5)), c50, c51, accumulate);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float row, Vector512<float> v0, Vector512<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector512.LoadUnsafe(ref row);
            v1 += Vector512.LoadUnsafe(ref row, 16);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, 16);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(ref float row, Vector256<float> v0, Vector256<float> v1, bool accumulate)
    {
        if (accumulate)
        {
            v0 += Vector256.LoadUnsafe(ref row);
            v1 += Vector256.LoadUnsafe(ref row, 8);
        }
        v0.StoreUnsafe(ref row);
        v1.StoreUnsafe(ref row, 8);
    }
}
