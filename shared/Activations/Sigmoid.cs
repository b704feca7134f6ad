using TinyNet.Kernels;

namespace TinyNet.Activations
{
    /// <summary>f(z) = σ(z) = 1 / (1 + e^−z), f'(z) = σ(z)(1 − σ(z)) = a(1 − a).</summary>
    public sealed class Sigmoid : Activation
    {
        /// <inheritdoc/>
        public override int Code { get { return SigmoidCode; } }

        /// <inheritdoc/>
        public override string Name { get { return "sigmoid"; } }

        /// <inheritdoc/>
        public override void Forward(ScalarKernels kernels, float[] z, float[] a, int rows, int cols)
        {
            kernels.Sigmoid(z, a, rows * cols);
        }

        /// <inheritdoc/>
        public override void Backward(float[] z, float[] a, float[] dA, float[] dZ, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                dZ[i] = dA[i] * a[i] * (1f - a[i]);
            }
        }
    }
}
