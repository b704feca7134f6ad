namespace TinyNet.Tests.KernelTests;

/// <summary>
/// The test oracle for every kernel set (the device's ScalarKernels, the host's VectorKernels):
/// the textbook loops, summed in double, with nothing skipped — no zero skipping, no active-row
/// lists, no blocking. Slow and obviously right; each method returns a fresh result.
/// </summary>
public static class ReferenceKernels
{
    /// <summary>z[r, j] = b[j] + Σₖ x[r, k] · w[k, j] (b may be null).</summary>
    public static float[] MatMulAddBias(float[] x, float[] w, float[]? b, int rows, int inner, int cols)
    {
        var z = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
            {
                double sum = b == null ? 0 : b[j];
                for (int k = 0; k < inner; k++) sum += (double)x[r * inner + k] * w[k * cols + j];
                z[r * cols + j] = (float)sum;
            }
        return z;
    }

    /// <summary>The whole weight gradient dw[k, j] = Σᵣ x[r, k] · dz[r, j], every row.</summary>
    public static float[] WeightGradient(float[] x, float[] dz, int rows, int inner, int cols)
    {
        var dw = new float[inner * cols];
        for (int k = 0; k < inner; k++)
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += (double)x[r * inner + k] * dz[r * cols + j];
                dw[k * cols + j] = (float)sum;
            }
        return dw;
    }

    /// <summary>w + scale · dw, with dw the whole weight gradient.</summary>
    public static float[] AddWeightGradient(float scale, float[] x, float[] dz, float[] w, int rows, int inner, int cols)
    {
        var result = new float[inner * cols];
        for (int k = 0; k < inner; k++)
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int r = 0; r < rows; r++) sum += (double)x[r * inner + k] * dz[r * cols + j];
                result[k * cols + j] = (float)(w[k * cols + j] + scale * sum);
            }
        return result;
    }

    /// <summary>dx[r, k] = Σⱼ dz[r, j] · w[k, j].</summary>
    public static float[] MatMulTransposed(float[] dz, float[] w, int rows, int inner, int cols)
    {
        var dx = new float[rows * inner];
        for (int r = 0; r < rows; r++)
            for (int k = 0; k < inner; k++)
            {
                double sum = 0;
                for (int j = 0; j < cols; j++) sum += (double)dz[r * cols + j] * w[k * cols + j];
                dx[r * inner + k] = (float)sum;
            }
        return dx;
    }

    /// <summary>db[j] = Σᵣ dz[r, j].</summary>
    public static float[] SumRows(float[] dz, int rows, int cols)
    {
        var db = new float[cols];
        for (int j = 0; j < cols; j++)
        {
            double sum = 0;
            for (int r = 0; r < rows; r++) sum += dz[r * cols + j];
            db[j] = (float)sum;
        }
        return db;
    }

    /// <summary>The columns of x (rows × cols) holding a value other than ±0 in some row, ascending.</summary>
    public static int[] NonzeroColumns(float[] x, int rows, int cols)
    {
        var columns = new List<int>();
        for (int k = 0; k < cols; k++)
        {
            bool nonzero = false;
            for (int r = 0; r < rows; r++) nonzero |= x[r * cols + k] != 0f;
            if (nonzero) columns.Add(k);
        }
        return columns.ToArray();
    }

    /// <summary>y with y[yOffset + i] + a · x[xOffset + i] for i in [0, count).</summary>
    public static float[] Axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int count)
    {
        var result = (float[])y.Clone();
        for (int i = 0; i < count; i++) result[yOffset + i] = (float)(y[yOffset + i] + (double)a * x[xOffset + i]);
        return result;
    }

    /// <summary>z[r, j] = b[j] + scale[j] · Σₖ x[r, k] · q[k, j] (b may be null).</summary>
    public static float[] MatMulInt8AddBias(float[] x, sbyte[] q, float[] scale, float[]? b, int rows, int inner, int cols)
    {
        var z = new float[rows * cols];
        for (int r = 0; r < rows; r++)
            for (int j = 0; j < cols; j++)
            {
                double sum = 0;
                for (int k = 0; k < inner; k++) sum += (double)x[r * inner + k] * q[k * cols + j];
                z[r * cols + j] = (float)(sum * scale[j] + (b == null ? 0 : b[j]));
            }
        return z;
    }

    /// <summary>tanh of every value.</summary>
    public static float[] Tanh(float[] z, int count) => z.Take(count).Select(v => (float)Math.Tanh(v)).ToArray();

    /// <summary>1 / (1 + e^−z) of every value.</summary>
    public static float[] Sigmoid(float[] z, int count) => z.Take(count).Select(v => (float)(1 / (1 + Math.Exp(-v)))).ToArray();
}
