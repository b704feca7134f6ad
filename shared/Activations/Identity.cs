using TinyNet.Kernels;

namespace TinyNet.Activations
{
    /// <summary>f(z) = z, f'(z) = 1: a linear neuron (the lecture's Y = W·X + B).</summary>
    public sealed class Identity : Activation
    {
        /// <inheritdoc/>
        public override int Code { get { return IdentityCode; } }

        /// <inheritdoc/>
        public override string Name { get { return "identity"; } }

        /// <inheritdoc/>
        public override void Forward(ScalarKernels kernels, float[] z, float[] a, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                a[i] = z[i];
            }
        }

        /// <inheritdoc/>
        public override void Backward(float[] z, float[] a, float[] dA, float[] dZ, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                dZ[i] = dA[i];
            }
        }
    }
}
