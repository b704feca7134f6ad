using TinyNet.Activations;

namespace TinyNet.Losses
{
    /// <summary>
    /// A loss L(Y, Ŷ) over a batch, with its gradient dL/dY beside it.
    /// </summary>
    /// <remarks>
    /// Y (predicted) and Ŷ (target) are rows × cols (batch × outputs), flat row-major.
    /// Losses hold no state; every loss is registered once, in <see cref="LossCatalog"/>.
    /// </remarks>
    public abstract class Loss
    {
        /// <summary>Probabilities are kept at least this far from 0 and 1 before a log or a division.</summary>
        public const float ProbabilityFloor = 1e-7f;

        /// <summary>A short lower-case name ("mse").</summary>
        public abstract string Name { get; }

        /// <summary>The loss value.</summary>
        public abstract float Value(float[] predicted, float[] target, int rows, int cols);

        /// <summary>dL/dY, written into <paramref name="gradient"/>.</summary>
        public abstract void Gradient(float[] predicted, float[] target, float[] gradient, int rows, int cols);

        /// <summary>
        /// For pairs whose combined derivative is simpler and more exact than the chain
        /// (<see cref="FusedDerivatives"/>: softmax + cross-entropy, sigmoid + logistic), writes
        /// dL/dZ into <paramref name="preActivationGradient"/> and returns true. Otherwise (also when
        /// <paramref name="activation"/> is null) returns false and the caller goes through
        /// <see cref="Gradient"/> and the activation's Backward.
        /// </summary>
        public virtual bool TryPreActivationGradient(Activation activation, float[] predicted, float[] target, float[] preActivationGradient, int rows, int cols)
        {
            return false;
        }

        /// <summary>p kept within [floor, 1 − floor], so logs and divisions stay finite.</summary>
        protected static float ClampProbability(float p)
        {
            if (p < ProbabilityFloor)
            {
                return ProbabilityFloor;
            }
            if (p > 1f - ProbabilityFloor)
            {
                return 1f - ProbabilityFloor;
            }
            return p;
        }

        /// <summary>The loss with the given name, or null when the name is unknown (see <see cref="LossCatalog"/>).</summary>
        public static Loss FromName(string name)
        {
            return LossCatalog.FromName(name);
        }
    }
}
