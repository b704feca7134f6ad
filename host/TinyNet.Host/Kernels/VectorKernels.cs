using System.Numerics.Tensors;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using System.Runtime.Intrinsics;
using TinyNet.Kernels;

namespace TinyNet.Host.Kernels;

/// <summary>
/// The host's vectorized kernels: the same contracts as the scalar <see cref="ScalarKernels"/>
/// (what the device runs), computed with 256-bit SIMD. Results agree with the scalar ones to
/// rounding (fused multiply-adds and summation order differ), which the tests check.
/// </summary>
/// <remarks>
/// Why it is shaped like this (measured on MNIST, 784 → 128 → 10, where ~80 % of inputs are 0):
/// a step is hundreds of short row operations, so per-call overhead and memory traffic dominate,
/// not arithmetic. The matrix kernels therefore keep a block of 32 output columns in four
/// registers while they run over the inputs, list the nonzero inputs once per row (branch-free)
/// instead of testing every input for every block, and load without bounds checks after checking
/// every array length once at the top. Without 256-bit hardware support they fall back to the
/// scalar reference.
/// </remarks>
public sealed class VectorKernels : ScalarKernels
{
    /// <summary>One shared instance; kernels hold no state (the nonzero lists are per-thread scratch).</summary>
    public static readonly VectorKernels Instance = new();

    private const int Lanes = 8;          // floats per Vector256
    private const int Block = 4 * Lanes;  // columns kept in registers at once

    // Scratch for the nonzero inputs of one row; grows once per thread, then is reused.
    [ThreadStatic] private static int[]? t_indices;
    [ThreadStatic] private static float[]? t_values;

    private static readonly bool Accelerated = Vector256.IsHardwareAccelerated;

    /// <summary>
    /// True when the SIMD code runs on this CPU (256-bit vectors with AVX2 and FMA); otherwise these
    /// kernels fall back to the scalar ones (wholly or in part), and the SIMD parity tests skip.
    /// </summary>
    public static bool IsAccelerated => Accelerated && Avx2.IsSupported && Fma.IsSupported;

    // For each 8-bit mask, the positions of its set bits, packed to the front (rest 0): the lane
    // permutation that moves the nonzero lanes of a vector to its start without a branch per lane.
    private static readonly int[] CompressTable = BuildCompressTable();

    private static int[] BuildCompressTable()
    {
        var table = new int[256 * Lanes];
        for (int mask = 0; mask < 256; mask++)
        {
            int packed = 0;
            for (int bit = 0; bit < Lanes; bit++)
            {
                if ((mask & (1 << bit)) != 0) table[mask * Lanes + packed++] = bit;
            }
        }
        return table;
    }

    public override void MatMulAddBias(float[] x, float[] w, float[] b, float[] z, int rows, int inner, int cols)
    {
        if (DensePath.TryMatMulAddBias(x, w, b, z, rows, inner, cols)) return;   // dense batch: the blocked kernel
        if (!Accelerated)
        {
            base.MatMulAddBias(x, w, b, z, rows, inner, cols);
            return;
        }
        Require(x, rows * inner, nameof(x));
        Require(w, inner * cols, nameof(w));
        Require(z, rows * cols, nameof(z));
        if (b != null) Require(b, cols, nameof(b));
        Scratch(inner, out int[] indices, out float[] values);
        for (int r = 0; r < rows; r++)
        {
            int count = ListNonzero(x, r * inner, inner, indices, values);
            MatMulRow(indices, values, count, w, b, 0, z, r * cols, cols);
        }
    }

    /// <summary>z[zRow + j] = b[bRow + j] + Σᵢ values[i] · w[indices[i], j] for every column j (b may be z itself).</summary>
    /// <remarks>
    /// A fused multiply-add takes 5 cycles before its result can be used again, and the CPU can
    /// start two per cycle: so the loops keep about eight independent accumulators in flight
    /// (64 columns at once, or two partial sums per block for narrow layers).
    /// </remarks>
    private static void MatMulRow(int[] indices, float[] values, int count, float[] w, float[]? b, int bRow, float[] z, int zRow, int cols)
    {
        ref float wRef = ref MemoryMarshal.GetArrayDataReference(w);
        ref float zRef = ref MemoryMarshal.GetArrayDataReference(z);
        ref int iRef = ref MemoryMarshal.GetArrayDataReference(indices);
        ref float vRef = ref MemoryMarshal.GetArrayDataReference(values);
        int c = 0;
        for (; c + 2 * Block <= cols; c += 2 * Block)
        {
            Vector256<float> a0 = Start(b, bRow + c), a1 = Start(b, bRow + c + Lanes), a2 = Start(b, bRow + c + 2 * Lanes), a3 = Start(b, bRow + c + 3 * Lanes);
            Vector256<float> a4 = Start(b, bRow + c + 4 * Lanes), a5 = Start(b, bRow + c + 5 * Lanes), a6 = Start(b, bRow + c + 6 * Lanes), a7 = Start(b, bRow + c + 7 * Lanes);
            for (int i = 0; i < count; i++)
            {
                var xv = Vector256.Create(Unsafe.Add(ref vRef, i));
                ref float row = ref Unsafe.Add(ref wRef, Unsafe.Add(ref iRef, i) * cols + c);
                a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 0), xv, a0);
                a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, Lanes), xv, a1);
                a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 2 * Lanes), xv, a2);
                a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 3 * Lanes), xv, a3);
                a4 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 4 * Lanes), xv, a4);
                a5 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 5 * Lanes), xv, a5);
                a6 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 6 * Lanes), xv, a6);
                a7 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 7 * Lanes), xv, a7);
            }
            ref float zAt = ref Unsafe.Add(ref zRef, zRow + c);
            a0.StoreUnsafe(ref zAt, 0);
            a1.StoreUnsafe(ref zAt, Lanes);
            a2.StoreUnsafe(ref zAt, 2 * Lanes);
            a3.StoreUnsafe(ref zAt, 3 * Lanes);
            a4.StoreUnsafe(ref zAt, 4 * Lanes);
            a5.StoreUnsafe(ref zAt, 5 * Lanes);
            a6.StoreUnsafe(ref zAt, 6 * Lanes);
            a7.StoreUnsafe(ref zAt, 7 * Lanes);
        }
        for (; c + Block <= cols; c += Block)
        {
            Vector256<float> a0 = Start(b, bRow + c), a1 = Start(b, bRow + c + Lanes), a2 = Start(b, bRow + c + 2 * Lanes), a3 = Start(b, bRow + c + 3 * Lanes);
            for (int i = 0; i < count; i++)
            {
                var xv = Vector256.Create(Unsafe.Add(ref vRef, i));
                ref float row = ref Unsafe.Add(ref wRef, Unsafe.Add(ref iRef, i) * cols + c);
                a0 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 0), xv, a0);
                a1 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, Lanes), xv, a1);
                a2 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 2 * Lanes), xv, a2);
                a3 = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref row, 3 * Lanes), xv, a3);
            }
            ref float zAt = ref Unsafe.Add(ref zRef, zRow + c);
            a0.StoreUnsafe(ref zAt, 0);
            a1.StoreUnsafe(ref zAt, Lanes);
            a2.StoreUnsafe(ref zAt, 2 * Lanes);
            a3.StoreUnsafe(ref zAt, 3 * Lanes);
        }
        for (; c + Lanes <= cols; c += Lanes)
        {
            // Two partial sums (even and odd i) so consecutive multiply-adds do not wait on each other.
            Vector256<float> even = Start(b, bRow + c), odd = Vector256<float>.Zero;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                even = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref wRef, (nuint)(Unsafe.Add(ref iRef, i) * cols + c)), Vector256.Create(Unsafe.Add(ref vRef, i)), even);
                odd = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref wRef, (nuint)(Unsafe.Add(ref iRef, i + 1) * cols + c)), Vector256.Create(Unsafe.Add(ref vRef, i + 1)), odd);
            }
            if (i < count)
            {
                even = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref wRef, (nuint)(Unsafe.Add(ref iRef, i) * cols + c)), Vector256.Create(Unsafe.Add(ref vRef, i)), even);
            }
            (even + odd).StoreUnsafe(ref zRef, (nuint)(zRow + c));
        }
        for (; c < cols; c++)
        {
            float even = b == null ? 0f : b[bRow + c], odd = 0f;
            int i = 0;
            for (; i + 1 < count; i += 2)
            {
                even += Unsafe.Add(ref vRef, i) * Unsafe.Add(ref wRef, Unsafe.Add(ref iRef, i) * cols + c);
                odd += Unsafe.Add(ref vRef, i + 1) * Unsafe.Add(ref wRef, Unsafe.Add(ref iRef, i + 1) * cols + c);
            }
            if (i < count)
            {
                even += Unsafe.Add(ref vRef, i) * Unsafe.Add(ref wRef, Unsafe.Add(ref iRef, i) * cols + c);
            }
            Unsafe.Add(ref zRef, zRow + c) = even + odd;
        }
    }

    private static Vector256<float> Start(float[]? b, int c)
        => b == null ? Vector256<float>.Zero : Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(b), (nuint)c);

    public override void WeightGradient(float[] x, float[] dz, float[] dw, int rows, int inner, int cols, int[] rowsToCompute, int rowCount)
    {
        if (DensePath.TryWeightGradient(x, dz, dw, rows, inner, cols, rowsToCompute, rowCount)) return;
        if (!Accelerated)
        {
            base.WeightGradient(x, dz, dw, rows, inner, cols, rowsToCompute, rowCount);
            return;
        }
        Require(x, rows * inner, nameof(x));
        Require(dz, rows * cols, nameof(dz));
        Require(dw, inner * cols, nameof(dw));
        // dw[k, ·] = Σᵣ x[r, k] · dz[r, ·] is the same row operation as the forward pass, with the
        // batch's column k of x as the "inputs" and dz as the "weights".
        Scratch(rows, out int[] indices, out float[] values);
        for (int i = 0; i < rowCount; i++)
        {
            int k = rowsToCompute[i];
            if ((uint)k >= (uint)inner) throw new ArgumentOutOfRangeException(nameof(rowsToCompute));
            int count = ListColumn(x, rows, inner, k, 1f, indices, values);
            MatMulRow(indices, values, count, dz, null, 0, dw, k * cols, cols);
        }
    }

    public override void AddWeightGradient(float scale, float[] x, float[] dz, float[] w, int rows, int inner, int cols, int[] rowsToUpdate, int rowCount)
    {
        if (DensePath.TryAddWeightGradient(scale, x, dz, w, rows, inner, cols, rowsToUpdate, rowCount)) return;
        if (!Accelerated)
        {
            base.AddWeightGradient(scale, x, dz, w, rows, inner, cols, rowsToUpdate, rowCount);
            return;
        }
        Require(x, rows * inner, nameof(x));
        Require(dz, rows * cols, nameof(dz));
        Require(w, inner * cols, nameof(w));
        if (rows == 1 && cols % (2 * Block) == 0)
        {
            // One sample, wide rows: hold 64 columns of dz in registers and sweep the listed rows.
            ref float dzRef = ref MemoryMarshal.GetArrayDataReference(dz);
            ref float wRef = ref MemoryMarshal.GetArrayDataReference(w);
            for (int c = 0; c < cols; c += 2 * Block)
            {
                Vector256<float> d0 = Vector256.LoadUnsafe(ref dzRef, (nuint)c), d1 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + Lanes));
                Vector256<float> d2 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + 2 * Lanes)), d3 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + 3 * Lanes));
                Vector256<float> d4 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + 4 * Lanes)), d5 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + 5 * Lanes));
                Vector256<float> d6 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + 6 * Lanes)), d7 = Vector256.LoadUnsafe(ref dzRef, (nuint)(c + 7 * Lanes));
                for (int i = 0; i < rowCount; i++)
                {
                    int k = rowsToUpdate[i];
                    if ((uint)k >= (uint)inner) throw new ArgumentOutOfRangeException(nameof(rowsToUpdate));
                    var a = Vector256.Create(scale * x[k]);
                    ref float row = ref Unsafe.Add(ref wRef, k * cols + c);
                    Vector256.MultiplyAddEstimate(d0, a, Vector256.LoadUnsafe(ref row, 0)).StoreUnsafe(ref row, 0);
                    Vector256.MultiplyAddEstimate(d1, a, Vector256.LoadUnsafe(ref row, Lanes)).StoreUnsafe(ref row, Lanes);
                    Vector256.MultiplyAddEstimate(d2, a, Vector256.LoadUnsafe(ref row, 2 * Lanes)).StoreUnsafe(ref row, 2 * Lanes);
                    Vector256.MultiplyAddEstimate(d3, a, Vector256.LoadUnsafe(ref row, 3 * Lanes)).StoreUnsafe(ref row, 3 * Lanes);
                    Vector256.MultiplyAddEstimate(d4, a, Vector256.LoadUnsafe(ref row, 4 * Lanes)).StoreUnsafe(ref row, 4 * Lanes);
                    Vector256.MultiplyAddEstimate(d5, a, Vector256.LoadUnsafe(ref row, 5 * Lanes)).StoreUnsafe(ref row, 5 * Lanes);
                    Vector256.MultiplyAddEstimate(d6, a, Vector256.LoadUnsafe(ref row, 6 * Lanes)).StoreUnsafe(ref row, 6 * Lanes);
                    Vector256.MultiplyAddEstimate(d7, a, Vector256.LoadUnsafe(ref row, 7 * Lanes)).StoreUnsafe(ref row, 7 * Lanes);
                }
            }
            return;
        }
        if (rows == 1)
        {
            // One sample: each listed weight row gets a · dz, a plain axpy; no per-row list needed.
            for (int i = 0; i < rowCount; i++)
            {
                int k = rowsToUpdate[i];
                if ((uint)k >= (uint)inner) throw new ArgumentOutOfRangeException(nameof(rowsToUpdate));
                AxpyUnchecked(scale * x[k], ref MemoryMarshal.GetArrayDataReference(dz), ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(w), k * cols), cols);
            }
            return;
        }
        Scratch(rows, out int[] indices, out float[] values);
        for (int i = 0; i < rowCount; i++)
        {
            int k = rowsToUpdate[i];
            if ((uint)k >= (uint)inner) throw new ArgumentOutOfRangeException(nameof(rowsToUpdate));
            // w[k, ·] += Σᵣ (scale · x[r, k]) · dz[r, ·]: the weight row is both the start value and the result.
            int count = ListColumn(x, rows, inner, k, scale, indices, values);
            MatMulRow(indices, values, count, dz, w, k * cols, w, k * cols, cols);
        }
    }

    /// <summary>Lists the rows r where x[r, k] is nonzero, with scale · x[r, k]; returns how many.</summary>
    private static int ListColumn(float[] x, int rows, int inner, int k, float scale, int[] indices, float[] values)
    {
        // Branch-free: whether a pixel is ink is unpredictable, and a mispredicted branch per
        // entry cost more than the arithmetic. Shifting out the sign bit makes -0 count as zero.
        int count = 0;
        for (int r = 0; r < rows; r++)
        {
            float v = x[r * inner + k];
            indices[count] = r;
            values[count] = scale * v;
            count += (BitConverter.SingleToInt32Bits(v) << 1) != 0 ? 1 : 0;
        }
        return count;
    }

    public override void MatMulTransposed(float[] dz, float[] w, float[] dx, int rows, int inner, int cols)
    {
        if (DensePath.TryMatMulTransposed(dz, w, dx, rows, inner, cols)) return;
        if (!Accelerated)
        {
            base.MatMulTransposed(dz, w, dx, rows, inner, cols);
            return;
        }
        Require(dz, rows * cols, nameof(dz));
        Require(w, inner * cols, nameof(w));
        Require(dx, rows * inner, nameof(dx));
        ref float wRef = ref MemoryMarshal.GetArrayDataReference(w);
        ref float dzRef = ref MemoryMarshal.GetArrayDataReference(dz);
        ref float dxRef = ref MemoryMarshal.GetArrayDataReference(dx);
        int vectorCols = cols - cols % Lanes;
        for (int r = 0; r < rows; r++)
        {
            int dzRow = r * cols;
            int k = 0;
            if (Avx.IsSupported && vectorCols > 0)
            {
                // Eight dot products at once: the horizontal sums of eight accumulators are folded
                // together (hadd tree), instead of reducing each one on its own.
                for (; k + Lanes <= inner; k += Lanes)
                {
                    Vector256<float> sums = Transpose8Sum(
                        Dot(ref dzRef, dzRow, ref wRef, k * cols, vectorCols), Dot(ref dzRef, dzRow, ref wRef, (k + 1) * cols, vectorCols),
                        Dot(ref dzRef, dzRow, ref wRef, (k + 2) * cols, vectorCols), Dot(ref dzRef, dzRow, ref wRef, (k + 3) * cols, vectorCols),
                        Dot(ref dzRef, dzRow, ref wRef, (k + 4) * cols, vectorCols), Dot(ref dzRef, dzRow, ref wRef, (k + 5) * cols, vectorCols),
                        Dot(ref dzRef, dzRow, ref wRef, (k + 6) * cols, vectorCols), Dot(ref dzRef, dzRow, ref wRef, (k + 7) * cols, vectorCols));
                    sums.StoreUnsafe(ref dxRef, (nuint)(r * inner + k));
                    for (int j = vectorCols; j < cols; j++)
                    {
                        float d = Unsafe.Add(ref dzRef, dzRow + j);
                        for (int kk = 0; kk < Lanes; kk++)
                            Unsafe.Add(ref dxRef, r * inner + k + kk) += d * Unsafe.Add(ref wRef, (k + kk) * cols + j);
                    }
                }
            }
            for (; k < inner; k++)
            {
                int wRow = k * cols;
                float sum = vectorCols > 0 ? Vector256.Sum(Dot(ref dzRef, dzRow, ref wRef, wRow, vectorCols)) : 0f;
                for (int j = vectorCols; j < cols; j++)
                {
                    sum += Unsafe.Add(ref dzRef, dzRow + j) * Unsafe.Add(ref wRef, wRow + j);
                }
                Unsafe.Add(ref dxRef, r * inner + k) = sum;
            }
        }
    }

    /// <summary>Lane-wise products of a[aAt..] and b[bAt..] over <paramref name="count"/> (a multiple of 8) floats, summed per lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Dot(ref float a, int aAt, ref float b, int bAt, int count)
    {
        var acc = Vector256<float>.Zero;
        for (int j = 0; j < count; j += Lanes)
        {
            acc = Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref a, (nuint)(aAt + j)), Vector256.LoadUnsafe(ref b, (nuint)(bAt + j)), acc);
        }
        return acc;
    }

    /// <summary>The lane sums of eight vectors, as one vector: result[i] = Σ lanes of v_i.</summary>
    private static Vector256<float> Transpose8Sum(Vector256<float> v0, Vector256<float> v1, Vector256<float> v2, Vector256<float> v3,
        Vector256<float> v4, Vector256<float> v5, Vector256<float> v6, Vector256<float> v7)
    {
        // Per 128-bit half: hadd(hadd(v0, v1), hadd(v2, v3)) = [Σv0, Σv1, Σv2, Σv3] of that half.
        Vector256<float> q0123 = Avx.HorizontalAdd(Avx.HorizontalAdd(v0, v1), Avx.HorizontalAdd(v2, v3));
        Vector256<float> q4567 = Avx.HorizontalAdd(Avx.HorizontalAdd(v4, v5), Avx.HorizontalAdd(v6, v7));
        // Add the low halves' partial sums to the high halves'.
        return Avx.Permute2x128(q0123, q4567, 0x20) + Avx.Permute2x128(q0123, q4567, 0x31);
    }

    public override void SumRows(float[] dz, float[] db, int rows, int cols)
    {
        Span<float> sums = db.AsSpan(0, cols);
        sums.Clear();
        for (int r = 0; r < rows; r++)
        {
            TensorPrimitives.Add(sums, dz.AsSpan(r * cols, cols), sums);
        }
    }

    public override void Axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int count)
    {
        if (!Accelerated)
        {
            base.Axpy(a, x, xOffset, y, yOffset, count);
            return;
        }
        if ((uint)xOffset > (uint)x.Length || (uint)count > (uint)(x.Length - xOffset)) throw new ArgumentOutOfRangeException(nameof(x));
        if ((uint)yOffset > (uint)y.Length || (uint)count > (uint)(y.Length - yOffset)) throw new ArgumentOutOfRangeException(nameof(y));
        AxpyUnchecked(a, ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), xOffset), ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(y), yOffset), count);
    }

    /// <summary>y[i] += a · x[i] for i in [0, count); the caller has checked the bounds.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void AxpyUnchecked(float a, ref float xRef, ref float yRef, int count)
    {
        var av = Vector256.Create(a);
        int i = 0;
        for (; i + Lanes <= count; i += Lanes)
        {
            Vector256.MultiplyAddEstimate(Vector256.LoadUnsafe(ref xRef, (nuint)i), av, Vector256.LoadUnsafe(ref yRef, (nuint)i)).StoreUnsafe(ref yRef, (nuint)i);
        }
        for (; i < count; i++)
        {
            Unsafe.Add(ref yRef, i) += a * Unsafe.Add(ref xRef, i);
        }
    }

    public override void Tanh(float[] z, float[] a, int count)
    {
        TensorPrimitives.Tanh(z.AsSpan(0, count), a.AsSpan(0, count));
    }

    public override void Sigmoid(float[] z, float[] a, int count)
    {
        TensorPrimitives.Sigmoid(z.AsSpan(0, count), a.AsSpan(0, count));
    }

    /// <summary>
    /// Lists the nonzero entries of x[offset..offset+count) with their positions; returns how many.
    /// Eight entries are tested per compare, and a run of zeros (most of an MNIST image) costs one branch.
    /// indices and values need <paramref name="count"/> entries; the caller has checked x's bounds.
    /// </summary>
    internal static int ListNonzero(float[] x, int offset, int count, int[] indices, float[] values)
    {
        ref float xRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), offset);
        int n = 0, k = 0;
        if (Avx2.IsSupported)
        {
            ref int tableRef = ref MemoryMarshal.GetArrayDataReference(CompressTable);
            ref int iRef = ref MemoryMarshal.GetArrayDataReference(indices);
            ref float vRef = ref MemoryMarshal.GetArrayDataReference(values);
            for (; k + Lanes <= count; k += Lanes)
            {
                Vector256<float> v = Vector256.LoadUnsafe(ref xRef, (nuint)k);
                uint mask = ~Vector256.Equals(v, Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
                if (mask == 0) continue;
                // Pack the nonzero lanes to the front and store all eight: the extra lanes are
                // overwritten by the next block (n + 8 ≤ k + 8 ≤ count, so they stay in the arrays).
                Vector256<int> lanes = Vector256.LoadUnsafe(ref tableRef, (nuint)(mask * Lanes));
                (lanes + Vector256.Create(k)).StoreUnsafe(ref iRef, (nuint)n);
                Avx2.PermuteVar8x32(v, lanes).StoreUnsafe(ref vRef, (nuint)n);
                n += BitOperations.PopCount(mask);
            }
        }
        for (; k + Lanes <= count; k += Lanes)
        {
            uint mask = ~Vector256.Equals(Vector256.LoadUnsafe(ref xRef, (nuint)k), Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
            while (mask != 0)
            {
                int at = k + BitOperations.TrailingZeroCount(mask);
                indices[n] = at;
                values[n++] = Unsafe.Add(ref xRef, at);
                mask &= mask - 1;
            }
        }
        for (; k < count; k++)
        {
            float v = Unsafe.Add(ref xRef, k);
            if (v != 0f)
            {
                indices[n] = k;
                values[n++] = v;
            }
        }
        return n;
    }

    /// <summary>
    /// Lists the nonzero bytes of x[offset..offset+count) with their positions, each as
    /// <c>x · scale</c> (the same float as scaling the byte first: byte → float is exact); returns how many.
    /// Sixteen (AVX-512) or eight (AVX2) bytes are widened, scaled and packed at once without a branch
    /// (skipping all-zero words measured no faster: that branch mispredicts at every stroke's edge).
    /// indices and values need <paramref name="count"/> entries; the caller has checked x's bounds.
    /// </summary>
    internal static int ListNonzeroBytes(byte[] x, int offset, int count, float scale, int[] indices, float[] values)
    {
        ref byte xRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), offset);
        int n = 0, k = 0;
        if (Avx512F.IsSupported)
        {
            // Sixteen bytes at a time, packed by the compress instruction (its register form: the
            // form that stores to memory is microcoded and slow on AMD).
            ref int iRef = ref MemoryMarshal.GetArrayDataReference(indices);
            ref float vRef = ref MemoryMarshal.GetArrayDataReference(values);
            var scaleVector = Vector512.Create(scale);
            for (; k + 2 * Lanes <= count; k += 2 * Lanes)
            {
                Vector512<float> v = Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref xRef, (nuint)k))) * scaleVector;
                Vector512<float> nonzero = ~Vector512.Equals(v, Vector512<float>.Zero);
                Avx512F.Compress(Vector512<float>.Zero, nonzero, v).StoreUnsafe(ref vRef, (nuint)n);
                Avx512F.Compress(Vector512<int>.Zero, nonzero.AsInt32(), Vector512<int>.Indices + Vector512.Create(k)).StoreUnsafe(ref iRef, (nuint)n);
                n += BitOperations.PopCount(nonzero.ExtractMostSignificantBits());
            }
        }
        if (Avx2.IsSupported)
        {
            ref int tableRef = ref MemoryMarshal.GetArrayDataReference(CompressTable);
            ref int iRef = ref MemoryMarshal.GetArrayDataReference(indices);
            ref float vRef = ref MemoryMarshal.GetArrayDataReference(values);
            var scaleVector = Vector256.Create(scale);
            for (; k + Lanes <= count; k += Lanes)
            {
                ulong eight = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref xRef, k));
                // Zero-extend the eight bytes to ints, convert (exactly) to floats, scale.
                Vector256<float> v = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(eight).AsByte())) * scaleVector;
                uint mask = ~Vector256.Equals(v, Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
                // As in ListNonzero: store eight packed lanes, keep the first popcount(mask).
                Vector256<int> lanes = Vector256.LoadUnsafe(ref tableRef, (nuint)(mask * Lanes));
                (lanes + Vector256.Create(k)).StoreUnsafe(ref iRef, (nuint)n);
                Avx2.PermuteVar8x32(v, lanes).StoreUnsafe(ref vRef, (nuint)n);
                n += BitOperations.PopCount(mask);
            }
        }
        for (; k < count; k++)
        {
            int b = Unsafe.Add(ref xRef, k);
            if (b != 0)
            {
                indices[n] = k;
                values[n++] = b * scale;
            }
        }
        return n;
    }

    /// <summary>
    /// Lists the positions k (ascending) of the nonzero bytes among x[offset + k], k &lt; count, into
    /// indices; returns how many. As <see cref="ListNonzeroBytes"/> without the values, for a caller
    /// that reads each byte itself: one compress per sixteen bytes instead of two.
    /// </summary>
    internal static int ListNonzeroBytePositions(byte[] x, int offset, int count, int[] indices)
    {
        ref byte xRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(x), offset);
        ref int iRef = ref MemoryMarshal.GetArrayDataReference(indices);
        int n = 0, k = 0;
        if (Avx512F.IsSupported)
        {
            for (; k + 2 * Lanes <= count; k += 2 * Lanes)
            {
                Vector512<int> nonzero = ~Vector512.Equals(Avx512F.ConvertToVector512Int32(Vector128.LoadUnsafe(ref xRef, (nuint)k)), Vector512<int>.Zero);
                Avx512F.Compress(Vector512<int>.Zero, nonzero, Vector512<int>.Indices + Vector512.Create(k)).StoreUnsafe(ref iRef, (nuint)n);
                n += BitOperations.PopCount(nonzero.ExtractMostSignificantBits());
            }
        }
        for (; k < count; k++)
        {
            if (Unsafe.Add(ref xRef, k) != 0) Unsafe.Add(ref iRef, n++) = k;
        }
        return n;
    }

    public override int NonzeroColumns(float[] x, int rows, int cols, int[] columns)
    {
        if (!Accelerated)
        {
            return base.NonzeroColumns(x, rows, cols, columns);
        }
        Require(x, rows * cols, nameof(x));
        if (columns.Length < cols) throw new ArgumentException($"columns has {columns.Length} entries, needs {cols}", nameof(columns));
        ref float xRef = ref MemoryMarshal.GetArrayDataReference(x);
        int n = 0, k = 0;
        for (; k + Lanes <= cols; k += Lanes)
        {
            // A column is active when any row is nonzero there: OR the rows' "nonzero" masks.
            uint mask = 0;
            for (int r = 0; r < rows && mask != 0xFFu; r++)
            {
                mask |= ~Vector256.Equals(Vector256.LoadUnsafe(ref xRef, (nuint)(r * cols + k)), Vector256<float>.Zero).ExtractMostSignificantBits() & 0xFFu;
            }
            if (Avx2.IsSupported)
            {
                // As in ListNonzero: store eight packed lanes, keep the first popcount(mask).
                if (mask == 0) continue;
                (Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(CompressTable), (nuint)(mask * Lanes)) + Vector256.Create(k))
                    .StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(columns), (nuint)n);
                n += BitOperations.PopCount(mask);
                continue;
            }
            while (mask != 0)
            {
                columns[n++] = k + BitOperations.TrailingZeroCount(mask);
                mask &= mask - 1;
            }
        }
        for (; k < cols; k++)
        {
            for (int r = 0; r < rows; r++)
            {
                if (Unsafe.Add(ref xRef, r * cols + k) != 0f)
                {
                    columns[n++] = k;
                    break;
                }
            }
        }
        return n;
    }

    private static void Scratch(int size, out int[] indices, out float[] values)
    {
        if (t_indices == null || t_indices.Length < size)
        {
            t_indices = new int[size];
            t_values = new float[size];
        }
        indices = t_indices;
        values = t_values!;
    }

    /// <summary>
    /// The int8 layer (the board's inference kernel) with the same contract as the scalar one:
    /// z = scale ⊙ (x · q) + b, the int8 weights widened to float in registers, never copied.
    /// </summary>
    public override void MatMulInt8AddBias(float[] x, sbyte[] q, float[] scale, float[] b, float[] z, int rows, int inner, int cols)
    {
        if (!Avx2.IsSupported)
        {
            base.MatMulInt8AddBias(x, q, scale, b, z, rows, inner, cols);
            return;
        }
        Require(x, rows * inner, nameof(x));
        if (q.Length < inner * cols) throw new ArgumentException($"q has {q.Length} entries, the shape needs {inner * cols}", nameof(q));
        Require(scale, cols, nameof(scale));
        Require(z, rows * cols, nameof(z));
        if (b != null) Require(b, cols, nameof(b));
        Scratch(inner, out int[] indices, out float[] values);
        ref sbyte qRef = ref MemoryMarshal.GetArrayDataReference(q);
        for (int r = 0; r < rows; r++)
        {
            int count = ListNonzero(x, r * inner, inner, indices, values);
            int zRow = r * cols;
            int c = 0;
            for (; c + 2 * Lanes <= cols; c += 2 * Lanes)
            {
                Vector256<float> a0 = Vector256<float>.Zero, a1 = Vector256<float>.Zero;
                for (int i = 0; i < count; i++)
                {
                    var xv = Vector256.Create(values[i]);
                    ref sbyte row = ref Unsafe.Add(ref qRef, indices[i] * cols + c);
                    a0 = Vector256.MultiplyAddEstimate(WidenEight(ref row), xv, a0);
                    a1 = Vector256.MultiplyAddEstimate(WidenEight(ref Unsafe.Add(ref row, Lanes)), xv, a1);
                }
                FinishInt8(a0, scale, b, z, zRow, c);
                FinishInt8(a1, scale, b, z, zRow, c + Lanes);
            }
            for (; c + Lanes <= cols; c += Lanes)
            {
                Vector256<float> a0 = Vector256<float>.Zero;
                for (int i = 0; i < count; i++)
                    a0 = Vector256.MultiplyAddEstimate(WidenEight(ref Unsafe.Add(ref qRef, indices[i] * cols + c)), Vector256.Create(values[i]), a0);
                FinishInt8(a0, scale, b, z, zRow, c);
            }
            for (; c < cols; c++)
            {
                float sum = 0f;
                for (int i = 0; i < count; i++) sum += values[i] * q[indices[i] * cols + c];
                z[zRow + c] = sum * scale[c] + (b == null ? 0f : b[c]);
            }
        }
    }

    // Eight int8 weights sign-extended to eight floats (reads exactly eight bytes).
    private static Vector256<float> WidenEight(ref sbyte at) =>
        Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector64.LoadUnsafe(ref at).ToVector128Unsafe()));

    private static void FinishInt8(Vector256<float> sum, float[] scale, float[]? b, float[] z, int zRow, int c)
    {
        Vector256<float> result = sum * Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(scale), (nuint)c);
        if (b != null) result += Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(b), (nuint)c);
        result.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(z), (nuint)(zRow + c));
    }

    private static void Require(float[] array, int length, string name)
    {
        if (array.Length < length) throw new ArgumentException($"{name} has {array.Length} entries, the shape needs {length}", name);
    }
}
