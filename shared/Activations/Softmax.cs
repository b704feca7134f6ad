using TinyNet.Kernels;
using TinyNet.Numerics;

namespace TinyNet.Activations
{
    /// <summary>
    /// Softmax over each row: aⱼ = e^(zⱼ − max z) / Σₖ e^(zₖ − max z).
    /// Its derivative is a Jacobian, so Backward computes dZⱼ = aⱼ (dAⱼ − Σₖ dAₖ aₖ).
    /// </summary>
    /// <remarks>
    /// Paired with cross-entropy the two collapse to dZ = a − y; the loss does that directly
    /// (see <see cref="TinyNet.Losses.Loss.TryPreActivationGradient"/>).
    /// </remarks>
    public sealed class Softmax : Activation
    {
        /// <inheritdoc/>
        public override int Code { get { return SoftmaxCode; } }

        /// <inheritdoc/>
        public override string Name { get { return "softmax"; } }

        /// <inheritdoc/>
        public override void Forward(ScalarKernels kernels, float[] z, float[] a, int rows, int cols)
        {
            for (int r = 0; r < rows; r++)
            {
                int row = r * cols;
                float max = z[row];
                for (int j = 1; j < cols; j++)
                {
                    if (z[row + j] > max)
                    {
                        max = z[row + j];
                    }
                }
                float sum = 0f;
                for (int j = 0; j < cols; j++)
                {
                    float e = MathSeam.Exp(z[row + j] - max);
                    a[row + j] = e;
                    sum += e;
                }
                // The largest term is e^0 = 1, so sum ≥ 1 and the division is safe on the device.
                float inverse = 1f / sum;
                for (int j = 0; j < cols; j++)
                {
                    a[row + j] *= inverse;
                }
            }
        }

        /// <inheritdoc/>
        public override void Backward(float[] z, float[] a, float[] dA, float[] dZ, int rows, int cols)
        {
            for (int r = 0; r < rows; r++)
            {
                int row = r * cols;
                float dot = 0f;
                for (int j = 0; j < cols; j++)
                {
                    dot += dA[row + j] * a[row + j];
                }
                for (int j = 0; j < cols; j++)
                {
                    dZ[row + j] = a[row + j] * (dA[row + j] - dot);
                }
            }
        }
    }
}
