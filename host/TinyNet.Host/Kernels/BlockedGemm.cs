using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace TinyNet.Host.Kernels;

/// <summary>
/// A register-blocked, packed matrix multiply (the Goto / BLIS scheme) for the dense layers'
/// three products on dense inputs: the forward z = x · w + b, the input gradient dx = dz · wᵀ and
/// the weight gradient dw = xᵀ · dz (or the fused step w += s · xᵀ · dz), with the same contracts
/// as the matching <see cref="TinyNet.Kernels.ScalarKernels"/> methods.
/// </summary>
/// <remarks>
/// C (m × n) = A (m × k) · B (k × n) is cut into blocks: KC (≤ 256) steps of k at a time, MC rows
/// and NC columns. A column block of B is copied ("packed") once, for all of k, into NR-column
/// panels laid out in the order the micro-kernel reads them (kc × NR per k block, contiguous,
/// zero-padded); each row block of A is packed per k block into MR-row panels (kc × MR). The
/// micro-kernel (<see cref="GemmMicroKernels"/>) then keeps an MR × NR tile of C in registers over
/// the whole kc: every loaded weight is used MR times and every input NR times, where the sparse
/// row kernels load one weight per multiply-add. A B panel (kc · NR floats, at most 32 KB) stays in
/// L1 while the MR-row panels of A stream past it from L2; row blocks are the outer loop, so a row
/// block's part of C stays in cache while its k blocks are added in (a 10,000-row batch would
/// otherwise stream its 5 MB of outputs through memory once per k block).
/// Packing also transposes: wᵀ for dx and xᵀ for dw are read from the untransposed arrays.
/// The packing buffers are per thread and grow once; after that no call on one thread allocates.
/// A product of at least <see cref="ParallelMinRows"/> rows (a whole test set as one batch) shares
/// its row blocks out over <see cref="MaxThreads"/> threads, which hands out a few small task objects.
/// </remarks>
public sealed class BlockedGemm
{
    /// <summary>The AVX-512 variant (8 × 32 tiles), or null when the CPU lacks AVX-512F.</summary>
    public static BlockedGemm? Avx512 { get; } = Avx512F.IsSupported ? new BlockedGemm(wide: true) : null;

    /// <summary>The AVX2 + FMA variant (6 × 16 tiles), or null when the CPU lacks AVX2 or FMA.</summary>
    public static BlockedGemm? Avx2Fma { get; } = Avx2.IsSupported && Fma.IsSupported ? new BlockedGemm(wide: false) : null;

    /// <summary>The widest variant this CPU runs, or null when it has neither (the callers then keep their own kernels).</summary>
    public static BlockedGemm? Best => Avx512 ?? Avx2Fma;

    private const int MaxKc = 256;   // B panel kc × 32 floats = 32 KB: stays in a 48 KB L1
    private const int MaxMc = 128;   // A block MC × KC = 128 KB: stays in L2
    private const int MaxNc = 1024;  // columns of B per column block
    private const int MaxPackedB = 1 << 20;  // floats of B packed at once (K × NC): 4 MB at most

    private readonly bool _wide;

    // Per-thread packing buffers and C row offsets; grown once, then reused.
    [ThreadStatic] private static float[]? t_aPack;
    [ThreadStatic] private static float[]? t_bPack;
    [ThreadStatic] private static float[]? t_tile;
    [ThreadStatic] private static int[]? t_rowOffsets;
    [ThreadStatic] private static int[]? t_tileOffsets;

    private BlockedGemm(bool wide)
    {
        _wide = wide;
        TileRows = wide ? GemmMicroKernels.Rows512 : GemmMicroKernels.Rows256;
        TileColumns = wide ? GemmMicroKernels.Columns512 : GemmMicroKernels.Columns256;
    }

    /// <summary>MR: rows of C per register tile.</summary>
    public int TileRows { get; }

    /// <summary>NR: columns of C per register tile.</summary>
    public int TileColumns { get; }

    /// <summary>Bits per vector register this variant uses (512 or 256).</summary>
    public int VectorBits => _wide ? 512 : 256;

    /// <summary>z = x · w + b (b may be null); x is rows × inner, w is inner × cols, z is rows × cols.</summary>
    public void MatMulAddBias(float[] x, float[] w, float[]? b, float[] z, int rows, int inner, int cols)
    {
        Require(x, (long)rows * inner, nameof(x));
        Require(w, (long)inner * cols, nameof(w));
        Require(z, (long)rows * cols, nameof(z));
        if (b != null)
        {
            Require(b, cols, nameof(b));
            for (int r = 0; r < rows; r++) Array.Copy(b, 0, z, r * cols, cols);
        }
        Multiply(rows, cols, inner, x, inner, null, 1f, transposeA: false, w, cols, transposeB: false, z, cols, null, accumulate: b != null);
    }

    /// <summary>dx = dz · wᵀ; dz is rows × cols, w is inner × cols, dx is rows × inner.</summary>
    public void MatMulTransposed(float[] dz, float[] w, float[] dx, int rows, int inner, int cols)
    {
        Require(dz, (long)rows * cols, nameof(dz));
        Require(w, (long)inner * cols, nameof(w));
        Require(dx, (long)rows * inner, nameof(dx));
        Multiply(rows, inner, cols, dz, cols, null, 1f, transposeA: false, w, cols, transposeB: true, dx, inner, null, accumulate: false);
    }

    /// <summary>dw[k, ·] = Σᵣ x[r, k] · dz[r, ·] for every k in rowsToCompute[0..rowCount); other rows untouched.</summary>
    public void WeightGradient(float[] x, float[] dz, float[] dw, int rows, int inner, int cols, int[] rowsToCompute, int rowCount)
    {
        CheckWeightShapes(x, dz, dw, rows, inner, cols, rowsToCompute, rowCount);
        Multiply(rowCount, cols, rows, x, inner, IdentityOrNull(rowsToCompute, rowCount, inner), 1f, transposeA: true, dz, cols, transposeB: false, dw, cols, IdentityOrNull(rowsToCompute, rowCount, inner), accumulate: false);
    }

    /// <summary>w[k, ·] += scale · Σᵣ x[r, k] · dz[r, ·] for every k in rowsToUpdate[0..rowCount).</summary>
    public void AddWeightGradient(float scale, float[] x, float[] dz, float[] w, int rows, int inner, int cols, int[] rowsToUpdate, int rowCount)
    {
        CheckWeightShapes(x, dz, w, rows, inner, cols, rowsToUpdate, rowCount);
        int[]? list = IdentityOrNull(rowsToUpdate, rowCount, inner);
        Multiply(rowCount, cols, rows, x, inner, list, scale, transposeA: true, dz, cols, transposeB: false, w, cols, list, accumulate: true);
    }

    private static void CheckWeightShapes(float[] x, float[] dz, float[] w, int rows, int inner, int cols, int[] list, int count)
    {
        Require(x, (long)rows * inner, nameof(x));
        Require(dz, (long)rows * cols, nameof(dz));
        Require(w, (long)inner * cols, nameof(w));
        if ((uint)count > (uint)list.Length) throw new ArgumentOutOfRangeException(nameof(count));
        for (int i = 0; i < count; i++)
        {
            if ((uint)list[i] >= (uint)inner) throw new ArgumentOutOfRangeException(nameof(list), $"row {list[i]} is outside 0..{inner - 1}");
        }
    }

    // A list 0, 1, ..., inner − 1 (every row, the usual case on dense inputs) is dropped, so packing
    // reads contiguous rows instead of gathering through the list.
    private static int[]? IdentityOrNull(int[] list, int count, int inner)
    {
        if (count != inner) return list;
        for (int i = 0; i < count; i++)
        {
            if (list[i] != i) return list;
        }
        return null;
    }

    /// <summary>
    /// C (m × n) (+)= A · B, where
    /// A[i, p] = a[i · lda + p], or with <paramref name="transposeA"/> scaleA · a[p · lda + row(i)] (row(i) = aRows[i], or i);
    /// B[p, j] = b[p · ldb + j], or with <paramref name="transposeB"/> b[j · ldb + p];
    /// C[i, j] is c[crow(i) · ldc + j] (crow(i) = cRows[i], or i), overwritten or (accumulate) added to.
    /// </summary>
    private void Multiply(int m, int n, int k, float[] a, int lda, int[]? aRows, float scaleA, bool transposeA,
        float[] b, int ldb, bool transposeB, float[] c, int ldc, int[]? cRows, bool accumulate)
    {
        if (m == 0 || n == 0) return;
        int mr = TileRows, nr = TileColumns;
        int kBlocks = Math.Max(1, (k + MaxKc - 1) / MaxKc);
        int kcMax = Math.Max(1, (k + kBlocks - 1) / kBlocks);   // equal k blocks: no short last block
        // All k of a column block of B is packed at once (at most MaxPackedB floats), so that it is
        // packed once however many row blocks of A pass it.
        int ncMax = Math.Min(RoundUp(n, nr), Math.Max(nr, Math.Min(MaxNc, MaxPackedB / Math.Max(k, 1)) / nr * nr));
        int mcMax = Math.Min(MaxMc / mr * mr, RoundUp(m, mr));
        // At least a full A block and a quarter of the largest B block (1 MB, enough for 784 × 256
        // weights) the first time: a training run whose first dense batch arrives mid-epoch (the
        // sparse path ran until then) then allocates nothing.
        float[] aPack = Grow(ref t_aPack, Math.Max(mcMax * kcMax, MaxMc * MaxKc));
        float[] bPack = Grow(ref t_bPack, Math.Max(ncMax * Math.Max(k, 1), MaxPackedB / 4));
        float[] tile = Grow(ref t_tile, mr * nr);
        int[] rowOffsets = GrowInts(ref t_rowOffsets, Math.Max(m, 1024));
        for (int i = 0; i < m; i++) rowOffsets[i] = (cRows == null ? i : cRows[i]) * ldc;

        if (k == 0)
        {
            // An empty sum: C = 0 (or unchanged when accumulating).
            if (!accumulate)
            {
                for (int i = 0; i < m; i++) Array.Clear(c, rowOffsets[i], n);
            }
            return;
        }

        for (int jc = 0; jc < n; jc += ncMax)
        {
            int nc = Math.Min(ncMax, n - jc);
            int ncPadded = RoundUp(nc, nr);
            for (int pc = 0; pc < k; pc += kcMax)
            {
                int kc = Math.Min(kcMax, k - pc);
                if (transposeB) PackTransposedB(b, ldb, pc, kc, jc, nc, bPack, pc * ncPadded);
                else PackB(b, ldb, pc, kc, jc, nc, bPack, pc * ncPadded);
            }
            // Row blocks outside, k blocks inside: a row block's tiles of C stay in cache while all
            // its k blocks are added in. Row blocks write disjoint rows of C and only read the packed
            // B, so a large product shares them out over the cores, with the same bits as one thread.
            int rowBlocks = (m + mcMax - 1) / mcMax;
            int threads = ThreadsFor(m, n, k, rowBlocks);
            if (threads <= 1)
            {
                for (int ic = 0; ic < m; ic += mcMax)
                    RowBlock(ic, Math.Min(mcMax, m - ic), k, kcMax, jc, nc, ncPadded, a, lda, aRows, scaleA, transposeA, bPack, c, rowOffsets, accumulate, aPack, tile);
            }
            else
            {
                InParallel(threads, rowBlocks, m, mcMax, k, kcMax, jc, nc, ncPadded, a, lda, aRows, scaleA, transposeA, bPack, c, rowOffsets, accumulate);
            }
        }
    }

    // The row blocks dealt round-robin to `threads` workers. A method of its own: the lambda's captured
    // state is allocated on entry to the method that declares it, and a single-threaded call must allocate nothing.
    private void InParallel(int threads, int rowBlocks, int m, int mcMax, int k, int kcMax, int jc, int nc, int ncPadded, float[] a, int lda,
        int[]? aRows, float scaleA, bool transposeA, float[] bPack, float[] c, int[] rowOffsets, bool accumulate)
    {
        int tileFloats = TileRows * TileColumns;
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, t =>
        {
            // Each worker packs A into its own thread's buffers (grown once): any worker may run on the caller's thread.
            float[] ownPack = Grow(ref t_aPack, Math.Max(mcMax * kcMax, MaxMc * MaxKc));
            float[] ownTile = Grow(ref t_tile, tileFloats);
            for (int block = t; block < rowBlocks; block += threads)
            {
                int ic = block * mcMax;
                RowBlock(ic, Math.Min(mcMax, m - ic), k, kcMax, jc, nc, ncPadded, a, lda, aRows, scaleA, transposeA, bPack, c, rowOffsets, accumulate, ownPack, ownTile);
            }
        });
    }

    /// <summary>
    /// Threads for one multiply: at most <see cref="MaxThreads"/>, and only for products of at least
    /// <see cref="ParallelMinRows"/> rows and <see cref="ParallelMinWork"/> multiply-adds (a whole test
    /// set as one batch; a training batch of 32 stays on its thread and allocates nothing).
    /// </summary>
    private static int ThreadsFor(int m, int n, int k, int rowBlocks)
    {
        if (m < ParallelMinRows || (long)m * n * k < ParallelMinWork) return 1;
        return Math.Max(1, Math.Min(MaxThreads, rowBlocks));
    }

    /// <summary>Rows a product needs before it is shared out over threads.</summary>
    public const int ParallelMinRows = 1024;

    /// <summary>Multiply-adds a product needs before it is shared out over threads (below, the hand-off costs more than it saves).</summary>
    public const long ParallelMinWork = 1L << 24;

    /// <summary>Threads a large product may use: the machine's cores unless set lower (1: always one thread).</summary>
    public static int MaxThreads
    {
        get => s_maxThreads;
        set => s_maxThreads = Math.Max(1, value);
    }

    private static int s_maxThreads = Environment.ProcessorCount;

    // One row block of C (rows ic .. ic + mc) over all k blocks, against the packed column block of B.
    // Compiled optimized at once: it is called per row block, and the runtime's call counting on the way
    // to the optimized version would otherwise allocate on a training step's thread.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RowBlock(int ic, int mc, int k, int kcMax, int jc, int nc, int ncPadded, float[] a, int lda, int[]? aRows, float scaleA,
        bool transposeA, float[] bPack, float[] c, int[] rowOffsets, bool accumulate, float[] aPack, float[] tile)
    {
        int mr = TileRows, nr = TileColumns;
        ref float cRef = ref MemoryMarshal.GetArrayDataReference(c);
        ref float tileRef = ref MemoryMarshal.GetArrayDataReference(tile);
        int[] tileOffsets = GrowInts(ref t_tileOffsets, mr);
        for (int i = 0; i < mr; i++) tileOffsets[i] = i * nr;
        for (int pc = 0; pc < k; pc += kcMax)
        {
            int kc = Math.Min(kcMax, k - pc);
            bool add = accumulate || pc > 0;
            if (transposeA) PackTransposedA(a, lda, aRows, scaleA, pc, kc, ic, mc, aPack);
            else PackA(a, lda, pc, kc, ic, mc, aPack);
            for (int jr = 0; jr < nc; jr += nr)
            {
                int columns = Math.Min(nr, nc - jr);
                ref float bPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(bPack), pc * ncPadded + jr * kc);
                for (int ir = 0; ir < mc; ir += mr)
                {
                    int tileRows = Math.Min(mr, mc - ir);
                    ref float aPanel = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(aPack), ir * kc);
                    if (tileRows == mr && columns == nr)
                    {
                        Tile(ref aPanel, ref bPanel, kc, ref Unsafe.Add(ref cRef, jc + jr), ref rowOffsets[ic + ir], add);
                        continue;
                    }
                    // An edge tile: compute the full tile aside, then keep only the part inside C.
                    Tile(ref aPanel, ref bPanel, kc, ref tileRef, ref tileOffsets[0], false);
                    for (int i = 0; i < tileRows; i++)
                    {
                        int at = rowOffsets[ic + ir + i] + jc + jr;
                        for (int j = 0; j < columns; j++)
                        {
                            float v = tile[i * nr + j];
                            c[at + j] = add ? c[at + j] + v : v;
                        }
                    }
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Tile(ref float a, ref float b, int kc, ref float c, ref int rowOffsets, bool accumulate)
    {
        if (_wide) GemmMicroKernels.Tile512(ref a, ref b, kc, ref c, ref rowOffsets, accumulate);
        else GemmMicroKernels.Tile256(ref a, ref b, kc, ref c, ref rowOffsets, accumulate);
    }

    // B[p, j] = b[p · ldb + j] → panels of NR columns: pack[packAt + jr · kc + p · NR + jj], zero past column n.
    private void PackB(float[] b, int ldb, int pc, int kc, int jc, int nc, float[] pack, int packAt)
    {
        int nr = TileColumns;
        ref float packRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pack), packAt);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        for (int jr = 0; jr < nc; jr += nr)
        {
            int columns = Math.Min(nr, nc - jr);
            ref float panel = ref Unsafe.Add(ref packRef, jr * kc);
            for (int p = 0; p < kc; p++)
            {
                ref float source = ref Unsafe.Add(ref bRef, (pc + p) * ldb + jc + jr);
                ref float target = ref Unsafe.Add(ref panel, p * nr);
                if (columns == nr)
                {
                    for (int j = 0; j < nr; j += 8) Vector256.LoadUnsafe(ref source, (nuint)j).StoreUnsafe(ref target, (nuint)j);
                }
                else
                {
                    for (int j = 0; j < columns; j++) Unsafe.Add(ref target, j) = Unsafe.Add(ref source, j);
                    for (int j = columns; j < nr; j++) Unsafe.Add(ref target, j) = 0f;
                }
            }
        }
    }

    // B[p, j] = b[j · ldb + p] (dx = dz · wᵀ reads w this way) → the same panels, transposed 8 × 8 at a time.
    private void PackTransposedB(float[] b, int ldb, int pc, int kc, int jc, int nc, float[] pack, int packAt)
    {
        int nr = TileColumns;
        ref float packRef = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(pack), packAt);
        ref float bRef = ref MemoryMarshal.GetArrayDataReference(b);
        for (int jr = 0; jr < nc; jr += nr)
        {
            int columns = Math.Min(nr, nc - jr);
            ref float panel = ref Unsafe.Add(ref packRef, jr * kc);
            int j = 0;
            for (; j + 8 <= columns; j += 8)
            {
                ref float source = ref Unsafe.Add(ref bRef, (jc + jr + j) * ldb + pc);
                int p = 0;
                for (; p + 8 <= kc; p += 8)
                {
                    Transpose8x8(ref Unsafe.Add(ref source, p), ldb, ref Unsafe.Add(ref panel, p * nr + j), nr);
                }
                for (; p < kc; p++)
                {
                    for (int jj = 0; jj < 8; jj++) Unsafe.Add(ref panel, p * nr + j + jj) = Unsafe.Add(ref source, jj * ldb + p);
                }
            }
            for (; j < nr; j++)
            {
                for (int p = 0; p < kc; p++)
                {
                    Unsafe.Add(ref panel, p * nr + j) = j < columns ? Unsafe.Add(ref bRef, (jc + jr + j) * ldb + pc + p) : 0f;
                }
            }
        }
    }

    // A[i, p] = a[i · lda + p] → panels of MR rows: pack[ir · kc + p · MR + ii], zero past row m.
    private void PackA(float[] a, int lda, int pc, int kc, int ic, int mc, float[] pack)
    {
        int mr = TileRows;
        ref float packRef = ref MemoryMarshal.GetArrayDataReference(pack);
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(a);
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            ref float panel = ref Unsafe.Add(ref packRef, ir * kc);
            ref float source = ref Unsafe.Add(ref aRef, (ic + ir) * lda + pc);
            int p = 0;
            if (rows == 8 && mr == 8)
            {
                for (; p + 8 <= kc; p += 8)
                {
                    Transpose8x8(ref Unsafe.Add(ref source, p), lda, ref Unsafe.Add(ref panel, p * 8), 8);
                }
            }
            for (; p < kc; p++)
            {
                for (int ii = 0; ii < mr; ii++)
                {
                    Unsafe.Add(ref panel, p * mr + ii) = ii < rows ? Unsafe.Add(ref source, ii * lda + p) : 0f;
                }
            }
        }
    }

    // A[i, p] = scale · a[p · lda + row(i)] (dw = xᵀ · dz reads x this way) → the same panels; a row
    // of x gives MR contiguous entries of a panel when the rows are not listed.
    private void PackTransposedA(float[] a, int lda, int[]? rowList, float scale, int pc, int kc, int ic, int mc, float[] pack)
    {
        int mr = TileRows;
        ref float packRef = ref MemoryMarshal.GetArrayDataReference(pack);
        ref float aRef = ref MemoryMarshal.GetArrayDataReference(a);
        var scaleVector = Vector256.Create(scale);
        for (int ir = 0; ir < mc; ir += mr)
        {
            int rows = Math.Min(mr, mc - ir);
            ref float panel = ref Unsafe.Add(ref packRef, ir * kc);
            for (int p = 0; p < kc; p++)
            {
                ref float source = ref Unsafe.Add(ref aRef, (pc + p) * lda);
                ref float target = ref Unsafe.Add(ref panel, p * mr);
                if (rowList == null && rows == 8 && mr == 8)
                {
                    (Vector256.LoadUnsafe(ref source, (nuint)(ic + ir)) * scaleVector).StoreUnsafe(ref target);
                    continue;
                }
                for (int ii = 0; ii < mr; ii++)
                {
                    int i = ic + ir + ii;
                    Unsafe.Add(ref target, ii) = ii < rows ? scale * Unsafe.Add(ref source, rowList == null ? i : rowList[i]) : 0f;
                }
            }
        }
    }

    /// <summary>Writes the transpose of the 8 × 8 block at source (rows <paramref name="sourceStride"/> apart) to target (rows <paramref name="targetStride"/> apart).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Transpose8x8(ref float source, int sourceStride, ref float target, int targetStride)
    {
        Vector256<float> r0 = Vector256.LoadUnsafe(ref source), r1 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, sourceStride));
        Vector256<float> r2 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 2 * sourceStride)), r3 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 3 * sourceStride));
        Vector256<float> r4 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 4 * sourceStride)), r5 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 5 * sourceStride));
        Vector256<float> r6 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 6 * sourceStride)), r7 = Vector256.LoadUnsafe(ref Unsafe.Add(ref source, 7 * sourceStride));
        // Interleave pairs of rows, then pairs of pairs (within each 128-bit half), then swap halves.
        Vector256<float> t0 = Avx.UnpackLow(r0, r1), t1 = Avx.UnpackHigh(r0, r1), t2 = Avx.UnpackLow(r2, r3), t3 = Avx.UnpackHigh(r2, r3);
        Vector256<float> t4 = Avx.UnpackLow(r4, r5), t5 = Avx.UnpackHigh(r4, r5), t6 = Avx.UnpackLow(r6, r7), t7 = Avx.UnpackHigh(r6, r7);
        Vector256<float> u0 = Avx.Shuffle(t0, t2, 0x44), u1 = Avx.Shuffle(t0, t2, 0xEE), u2 = Avx.Shuffle(t1, t3, 0x44), u3 = Avx.Shuffle(t1, t3, 0xEE);
        Vector256<float> u4 = Avx.Shuffle(t4, t6, 0x44), u5 = Avx.Shuffle(t4, t6, 0xEE), u6 = Avx.Shuffle(t5, t7, 0x44), u7 = Avx.Shuffle(t5, t7, 0xEE);
        Avx.Permute2x128(u0, u4, 0x20).StoreUnsafe(ref target);
        Avx.Permute2x128(u1, u5, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, targetStride));
        Avx.Permute2x128(u2, u6, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 2 * targetStride));
        Avx.Permute2x128(u3, u7, 0x20).StoreUnsafe(ref Unsafe.Add(ref target, 3 * targetStride));
        Avx.Permute2x128(u0, u4, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 4 * targetStride));
        Avx.Permute2x128(u1, u5, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 5 * targetStride));
        Avx.Permute2x128(u2, u6, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 6 * targetStride));
        Avx.Permute2x128(u3, u7, 0x31).StoreUnsafe(ref Unsafe.Add(ref target, 7 * targetStride));
    }

    private static int RoundUp(int value, int multiple) => (value + multiple - 1) / multiple * multiple;

    private static float[] Grow(ref float[]? buffer, int size)
    {
        if (buffer == null || buffer.Length < size) buffer = GC.AllocateUninitializedArray<float>(size);
        return buffer;
    }

    private static int[] GrowInts(ref int[]? buffer, int size)
    {
        if (buffer == null || buffer.Length < size) buffer = new int[size];
        return buffer;
    }

    private static void Require(float[] array, long length, string name)
    {
        if (array.Length < length) throw new ArgumentException($"{name} has {array.Length} entries, the shape needs {length}", name);
    }
}
