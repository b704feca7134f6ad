using TinyNet.Kernels;

namespace TinyNet.Activations
{
    /// <summary>
    /// A layer's non-linearity f in Y = f(Z), with its derivative beside it.
    /// </summary>
    /// <remarks>
    /// Z and A are rows × cols (batch × neurons). Backward turns dL/dA into dL/dZ using
    /// whichever of Z and A makes the derivative cheapest (tanh' = 1 − a², σ' = a(1 − a)).
    /// Activations hold no state: one instance may serve any number of layers. Every activation
    /// is registered once, in <see cref="ActivationCatalog"/>. The codes below are those of the
    /// first five, named because model files and tests use them; a new activation declares its
    /// own (unused) code in its own file.
    /// </remarks>
    public abstract class Activation
    {
        /// <summary>Code of <see cref="Identity"/> in model files and on the link.</summary>
        public const int IdentityCode = 0;
        /// <summary>Code of <see cref="Tanh"/>.</summary>
        public const int TanhCode = 1;
        /// <summary>Code of <see cref="Sigmoid"/>.</summary>
        public const int SigmoidCode = 2;
        /// <summary>Code of <see cref="Softmax"/>.</summary>
        public const int SoftmaxCode = 3;
        /// <summary>Code of <see cref="Relu"/>.</summary>
        public const int ReluCode = 4;

        /// <summary>The stable number that names this activation in files and messages.</summary>
        public abstract int Code { get; }

        /// <summary>A short lower-case name ("tanh").</summary>
        public abstract string Name { get; }

        /// <summary>A = f(Z).</summary>
        public abstract void Forward(ScalarKernels kernels, float[] z, float[] a, int rows, int cols);

        /// <summary>dZ = dA ⊙ f'(Z) (for softmax, the Jacobian-vector product per row).</summary>
        public abstract void Backward(float[] z, float[] a, float[] dA, float[] dZ, int rows, int cols);

        /// <summary>The activation with the given code, or null when the code is unknown (see <see cref="ActivationCatalog"/>).</summary>
        public static Activation FromCode(int code)
        {
            return ActivationCatalog.FromCode(code);
        }

        /// <summary>The activation with the given name, or null when the name is unknown (see <see cref="ActivationCatalog"/>).</summary>
        public static Activation FromName(string name)
        {
            return ActivationCatalog.FromName(name);
        }
    }
}
