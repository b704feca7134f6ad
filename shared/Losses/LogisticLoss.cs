using TinyNet.Activations;
using TinyNet.Numerics;

namespace TinyNet.Losses
{
    /// <summary>
    /// Logistic loss (binary cross-entropy), averaged over the batch:
    /// L = −(1/batch) Σ [ŷ log y + (1 − ŷ) log(1 − y)], dL/dy = (y − ŷ) / (y(1 − y) · batch).
    /// After a sigmoid the pair reduces to dL/dz = (y − ŷ) / batch.
    /// </summary>
    public sealed class LogisticLoss : Loss
    {
        /// <inheritdoc/>
        public override string Name { get { return "logistic"; } }

        /// <inheritdoc/>
        public override float Value(float[] predicted, float[] target, int rows, int cols)
        {
            float sum = 0f;
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                float p = ClampProbability(predicted[i]);
                sum -= target[i] * MathSeam.Log(p) + (1f - target[i]) * MathSeam.Log(1f - p);
            }
            return sum / rows;
        }

        /// <inheritdoc/>
        public override void Gradient(float[] predicted, float[] target, float[] gradient, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                float p = ClampProbability(predicted[i]);
                gradient[i] = (p - target[i]) / (p * (1f - p) * rows);
            }
        }

        /// <inheritdoc/>
        public override bool TryPreActivationGradient(Activation activation, float[] predicted, float[] target, float[] preActivationGradient, int rows, int cols)
        {
            if (activation == null || activation.Code != Activation.SigmoidCode)
            {
                return false;
            }
            FusedDerivatives.SigmoidLogisticBackward(predicted, target, preActivationGradient, rows, cols);
            return true;
        }
    }
}
