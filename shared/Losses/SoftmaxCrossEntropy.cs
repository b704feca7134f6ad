using TinyNet.Activations;
using TinyNet.Numerics;

namespace TinyNet.Losses
{
    /// <summary>
    /// Cross-entropy of predicted probabilities against target probabilities (one-hot for
    /// classification), averaged over the batch: L = −(1/batch) Σ ŷ log y.
    /// dL/dy = −ŷ / (y · batch); after a softmax the pair reduces to dL/dz = (y − ŷ) / batch.
    /// </summary>
    public sealed class SoftmaxCrossEntropy : Loss
    {
        /// <inheritdoc/>
        public override string Name { get { return "cross-entropy"; } }

        /// <inheritdoc/>
        public override float Value(float[] predicted, float[] target, int rows, int cols)
        {
            float sum = 0f;
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                if (target[i] != 0f)
                {
                    sum -= target[i] * MathSeam.Log(ClampProbability(predicted[i]));
                }
            }
            return sum / rows;
        }

        /// <inheritdoc/>
        public override void Gradient(float[] predicted, float[] target, float[] gradient, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                gradient[i] = -target[i] / (ClampProbability(predicted[i]) * rows);
            }
        }

        /// <inheritdoc/>
        public override bool TryPreActivationGradient(Activation activation, float[] predicted, float[] target, float[] preActivationGradient, int rows, int cols)
        {
            if (activation == null || activation.Code != Activation.SoftmaxCode)
            {
                return false;
            }
            FusedDerivatives.SoftmaxCrossEntropyBackward(predicted, target, preActivationGradient, rows, cols);
            return true;
        }
    }
}
