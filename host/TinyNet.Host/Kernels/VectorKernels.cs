using System.Numerics.Tensors;

namespace TinyNet.Host.Kernels;

/// <summary>
/// The host's vectorized kernels: the same contracts as the scalar <see cref="TinyNet.Kernels"/>
/// (what the device runs), computed with SIMD through <see cref="TensorPrimitives"/>.
/// Results agree with the scalar ones to rounding (summation order differs), which the tests check.
/// </summary>
public sealed class VectorKernels : TinyNet.Kernels
{
    /// <summary>One shared instance; kernels hold no state.</summary>
    public static readonly VectorKernels Instance = new();

    public override void MatMulAddBias(float[] x, float[] w, float[] b, float[] z, int rows, int inner, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            Span<float> zRow = z.AsSpan(r * cols, cols);
            if (b == null) zRow.Clear(); else b.AsSpan(0, cols).CopyTo(zRow);
            ReadOnlySpan<float> xRow = x.AsSpan(r * inner, inner);
            for (int k = 0; k < inner; k++)
            {
                float xk = xRow[k];
                if (xk == 0f) continue;
                TensorPrimitives.MultiplyAdd(w.AsSpan(k * cols, cols), xk, zRow, zRow);
            }
        }
    }

    public override void WeightGradient(float[] x, float[] dz, float[] dw, int rows, int inner, int cols, int[] rowsToCompute, int rowCount)
    {
        for (int i = 0; i < rowCount; i++)
        {
            int k = rowsToCompute[i];
            Span<float> dwRow = dw.AsSpan(k * cols, cols);
            dwRow.Clear();
            for (int r = 0; r < rows; r++)
            {
                float xk = x[r * inner + k];
                if (xk == 0f) continue;
                TensorPrimitives.MultiplyAdd(dz.AsSpan(r * cols, cols), xk, dwRow, dwRow);
            }
        }
    }

    public override void MatMulTransposed(float[] dz, float[] w, float[] dx, int rows, int inner, int cols)
    {
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<float> dzRow = dz.AsSpan(r * cols, cols);
            for (int k = 0; k < inner; k++)
            {
                dx[r * inner + k] = TensorPrimitives.Dot(dzRow, w.AsSpan(k * cols, cols));
            }
        }
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
        Span<float> yPart = y.AsSpan(yOffset, count);
        TensorPrimitives.MultiplyAdd(x.AsSpan(xOffset, count), a, yPart, yPart);
    }

    public override void Tanh(float[] z, float[] a, int count)
    {
        TensorPrimitives.Tanh(z.AsSpan(0, count), a.AsSpan(0, count));
    }

    public override void Sigmoid(float[] z, float[] a, int count)
    {
        TensorPrimitives.Sigmoid(z.AsSpan(0, count), a.AsSpan(0, count));
    }
}
