using TinyNet.Kernels;

namespace TinyNet.Activations
{
    /// <summary>f(z) = max(0, z), f'(z) = 1 for z &gt; 0, else 0.</summary>
    public sealed class Relu : Activation
    {
        /// <inheritdoc/>
        public override int Code { get { return ReluCode; } }

        /// <inheritdoc/>
        public override string Name { get { return "relu"; } }

        /// <inheritdoc/>
        public override void Forward(ScalarKernels kernels, float[] z, float[] a, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                a[i] = z[i] > 0f ? z[i] : 0f;
            }
        }

        /// <inheritdoc/>
        public override void Backward(float[] z, float[] a, float[] dA, float[] dZ, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                dZ[i] = z[i] > 0f ? dA[i] : 0f;
            }
        }
    }
}
