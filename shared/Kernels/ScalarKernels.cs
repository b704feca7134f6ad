using TinyNet.Numerics;

namespace TinyNet.Kernels
{
    /// <summary>
    /// The few loops that do the engine's arithmetic, written as plain scalar reference code.
    /// </summary>
    /// <remarks>
    /// This class is what the device runs. The host derives a vectorized variant and overrides
    /// these methods with the same signatures; tests hold both to the same answers.
    /// All matrices are flat row-major float arrays: a rows × cols matrix M has M[r, c] at
    /// index r * cols + c. No method allocates.
    /// </remarks>
    public class ScalarKernels
    {
        /// <summary>
        /// z = x · w + b, row by row: z[r, j] = b[j] + Σₖ x[r, k] · w[k, j].
        /// x is rows × inner, w is inner × cols, b has cols entries (or is null for no bias).
        /// </summary>
        /// <remarks>
        /// Loops over k outermost so each nonzero input adds one contiguous weight row; exact zeros
        /// (most MNIST pixels) are skipped, which changes nothing in the result.
        /// </remarks>
        public virtual void MatMulAddBias(float[] x, float[] w, float[] b, float[] z, int rows, int inner, int cols)
        {
            // Unrolled by 4 with running indices in locals: on the nanoFramework interpreter every IL
            // instruction costs time, and this loop is most of a float model's prediction.
            int cols4 = cols - (cols & 3);
            for (int r = 0; r < rows; r++)
            {
                int zRow = r * cols;
                int zEnd = zRow + cols;
                for (int j = 0; j < cols; j++)
                {
                    z[zRow + j] = b == null ? 0f : b[j];
                }
                int xRow = r * inner;
                int wRow = 0;
                for (int k = 0; k < inner; k++, wRow += cols)
                {
                    float xk = x[xRow + k];
                    if (xk == 0f)
                    {
                        continue;
                    }
                    int zi = zRow;
                    int wi = wRow;
                    int zStop = zRow + cols4;
                    for (; zi < zStop; zi += 4, wi += 4)
                    {
                        z[zi] += xk * w[wi];
                        z[zi + 1] += xk * w[wi + 1];
                        z[zi + 2] += xk * w[wi + 2];
                        z[zi + 3] += xk * w[wi + 3];
                    }
                    for (; zi < zEnd; zi++, wi++)
                    {
                        z[zi] += xk * w[wi];
                    }
                }
            }
        }

        /// <summary>
        /// Weight gradient of a dense layer, for the listed input rows only:
        /// dw[k, j] = Σᵣ x[r, k] · dz[r, j] for every k in rowsToCompute[0..rowCount).
        /// </summary>
        /// <remarks>
        /// Rows of dw whose input was zero in every sample of the batch are exactly zero and are
        /// not touched; the caller keeps them zero.
        /// </remarks>
        public virtual void WeightGradient(float[] x, float[] dz, float[] dw, int rows, int inner, int cols, int[] rowsToCompute, int rowCount)
        {
            for (int i = 0; i < rowCount; i++)
            {
                int k = rowsToCompute[i];
                int dwRow = k * cols;
                for (int j = 0; j < cols; j++)
                {
                    dw[dwRow + j] = 0f;
                }
                for (int r = 0; r < rows; r++)
                {
                    float xk = x[r * inner + k];
                    if (xk == 0f)
                    {
                        continue;
                    }
                    int dzRow = r * cols;
                    for (int j = 0; j < cols; j++)
                    {
                        dw[dwRow + j] += xk * dz[dzRow + j];
                    }
                }
            }
        }

        /// <summary>
        /// A plain SGD step fused with the weight gradient, for the listed input rows only:
        /// w[k, j] += scale · Σᵣ x[r, k] · dz[r, j] for every k in rowsToUpdate[0..rowCount).
        /// </summary>
        /// <remarks>
        /// With scale = −α this is <see cref="WeightGradient"/> followed by an Axpy of the gradient
        /// into the weights, without storing the gradient (equal up to float rounding).
        /// </remarks>
        public virtual void AddWeightGradient(float scale, float[] x, float[] dz, float[] w, int rows, int inner, int cols, int[] rowsToUpdate, int rowCount)
        {
            for (int i = 0; i < rowCount; i++)
            {
                int k = rowsToUpdate[i];
                int wRow = k * cols;
                for (int r = 0; r < rows; r++)
                {
                    float xk = x[r * inner + k];
                    if (xk == 0f)
                    {
                        continue;
                    }
                    float a = scale * xk;
                    int dzRow = r * cols;
                    for (int j = 0; j < cols; j++)
                    {
                        w[wRow + j] += a * dz[dzRow + j];
                    }
                }
            }
        }

        /// <summary>
        /// Input gradient of a dense layer: dx = dz · wᵀ, that is dx[r, k] = Σⱼ dz[r, j] · w[k, j].
        /// dz is rows × cols, w is inner × cols, dx is rows × inner.
        /// </summary>
        public virtual void MatMulTransposed(float[] dz, float[] w, float[] dx, int rows, int inner, int cols)
        {
            for (int r = 0; r < rows; r++)
            {
                int dzRow = r * cols;
                for (int k = 0; k < inner; k++)
                {
                    int wRow = k * cols;
                    float sum = 0f;
                    for (int j = 0; j < cols; j++)
                    {
                        sum += dz[dzRow + j] * w[wRow + j];
                    }
                    dx[r * inner + k] = sum;
                }
            }
        }

        /// <summary>Column sums: db[j] = Σᵣ dz[r, j] (the bias gradient).</summary>
        public virtual void SumRows(float[] dz, float[] db, int rows, int cols)
        {
            for (int j = 0; j < cols; j++)
            {
                db[j] = 0f;
            }
            for (int r = 0; r < rows; r++)
            {
                int row = r * cols;
                for (int j = 0; j < cols; j++)
                {
                    db[j] += dz[row + j];
                }
            }
        }

        /// <summary>
        /// Lists, in ascending order, the columns k of x (rows × cols) that hold a nonzero value in
        /// at least one row; returns how many were written to <paramref name="columns"/>.
        /// </summary>
        /// <remarks>
        /// A dense layer uses this to find the input rows whose weight gradient can be nonzero.
        /// Entries of <paramref name="columns"/> after the returned count are scratch: a faster
        /// variant may overwrite them.
        /// </remarks>
        public virtual int NonzeroColumns(float[] x, int rows, int cols, int[] columns)
        {
            int count = 0;
            for (int k = 0; k < cols; k++)
            {
                for (int r = 0; r < rows; r++)
                {
                    if (x[r * cols + k] != 0f)
                    {
                        columns[count++] = k;
                        break;
                    }
                }
            }
            return count;
        }

        /// <summary>y[yOffset + i] += a · x[xOffset + i] for i in [0, count).</summary>
        public virtual void Axpy(float a, float[] x, int xOffset, float[] y, int yOffset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                y[yOffset + i] += a * x[xOffset + i];
            }
        }

        /// <summary>
        /// Int8 dense layer: z[r, j] = b[j] + scale[j] · Σₖ x[r, k] · q[k, j].
        /// q is inner × cols of int8 weights quantized per output neuron j with scale[j];
        /// b may be null. The weights are used as they are: no dequantized copy is made.
        /// </summary>
        public virtual void MatMulInt8AddBias(float[] x, sbyte[] q, float[] scale, float[] b, float[] z, int rows, int inner, int cols)
        {
            // Unrolled by 4 with running indices in locals, as MatMulAddBias.
            int cols4 = cols - (cols & 3);
            for (int r = 0; r < rows; r++)
            {
                int zRow = r * cols;
                int zEnd = zRow + cols;
                for (int j = 0; j < cols; j++)
                {
                    z[zRow + j] = 0f;
                }
                int xRow = r * inner;
                int qRow = 0;
                for (int k = 0; k < inner; k++, qRow += cols)
                {
                    float xk = x[xRow + k];
                    if (xk == 0f)
                    {
                        continue;
                    }
                    int zi = zRow;
                    int qi = qRow;
                    int zStop = zRow + cols4;
                    for (; zi < zStop; zi += 4, qi += 4)
                    {
                        z[zi] += xk * q[qi];
                        z[zi + 1] += xk * q[qi + 1];
                        z[zi + 2] += xk * q[qi + 2];
                        z[zi + 3] += xk * q[qi + 3];
                    }
                    for (; zi < zEnd; zi++, qi++)
                    {
                        z[zi] += xk * q[qi];
                    }
                }
                for (int j = 0; j < cols; j++)
                {
                    z[zRow + j] = z[zRow + j] * scale[j] + (b == null ? 0f : b[j]);
                }
            }
        }

        /// <summary>
        /// Int8 dense layer on one row of byte inputs (pixels):
        /// z[j] = b[j] + (scale[j] · inputScale) · Σₖ x[xOffset + k] · q[k, j].
        /// The sums are exact int32 (|Σ| ≤ 255 · 127 · inner, so inner ≤ 66,000), kept in
        /// <paramref name="acc"/> (cols entries, scratch); b may be null.
        /// </summary>
        /// <remarks>
        /// The board's first layer: multiplying the raw bytes and folding the 1/255 input scale into the
        /// per-neuron scale afterwards skips scaling every pixel to float and converting every weight to
        /// float, and an integer multiply-add is fewer IL instructions, which is what the nanoFramework
        /// interpreter pays for. Integer sums do not depend on their order, so every kernel set that
        /// keeps them exact gives the same bits.
        /// </remarks>
        public virtual void MatMulBytesInt8AddBias(byte[] x, int xOffset, float inputScale, sbyte[] q, float[] scale, float[] b, int[] acc, float[] z, int inner, int cols)
        {
            for (int j = 0; j < cols; j++)
            {
                acc[j] = 0;
            }
            int cols4 = cols - (cols & 3);
            int qRow = 0;
            int xEnd = xOffset + inner;
            for (int xi = xOffset; xi < xEnd; xi++, qRow += cols)
            {
                int xk = x[xi];
                if (xk == 0)
                {
                    continue;
                }
                int j = 0;
                int qi = qRow;
                for (; j < cols4; j += 4, qi += 4)
                {
                    acc[j] += xk * q[qi];
                    acc[j + 1] += xk * q[qi + 1];
                    acc[j + 2] += xk * q[qi + 2];
                    acc[j + 3] += xk * q[qi + 3];
                }
                for (; j < cols; j++, qi++)
                {
                    acc[j] += xk * q[qi];
                }
            }
            for (int j = 0; j < cols; j++)
            {
                z[j] = acc[j] * (scale[j] * inputScale) + (b == null ? 0f : b[j]);
            }
        }

        /// <summary>a[i] = tanh(z[i]) for i in [0, count).</summary>
        public virtual void Tanh(float[] z, float[] a, int count)
        {
            for (int i = 0; i < count; i++)
            {
                a[i] = MathSeam.Tanh(z[i]);
            }
        }

        /// <summary>a[i] = 1 / (1 + e^-z[i]) for i in [0, count).</summary>
        public virtual void Sigmoid(float[] z, float[] a, int count)
        {
            for (int i = 0; i < count; i++)
            {
                // 1 + e^-z is at least 1, so the division can never be by zero (it throws on the device).
                a[i] = 1f / (1f + MathSeam.Exp(-z[i]));
            }
        }
    }
}
