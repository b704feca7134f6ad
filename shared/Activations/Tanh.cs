using TinyNet.Kernels;

namespace TinyNet.Activations
{
    /// <summary>f(z) = tanh z, f'(z) = 1 − tanh² z = 1 − a².</summary>
    public sealed class Tanh : Activation
    {
        /// <inheritdoc/>
        public override int Code { get { return TanhCode; } }

        /// <inheritdoc/>
        public override string Name { get { return "tanh"; } }

        /// <inheritdoc/>
        public override void Forward(ScalarKernels kernels, float[] z, float[] a, int rows, int cols)
        {
            kernels.Tanh(z, a, rows * cols);
        }

        /// <inheritdoc/>
        public override void Backward(float[] z, float[] a, float[] dA, float[] dZ, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                dZ[i] = dA[i] * (1f - a[i] * a[i]);
            }
        }
    }
}
