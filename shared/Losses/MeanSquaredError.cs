namespace TinyNet.Losses
{
    /// <summary>
    /// L = (1/n) Σ (y − ŷ)² over all n = batch × outputs values, dL/dy = 2(y − ŷ)/n:
    /// the gender-network lecture's loss.
    /// </summary>
    public sealed class MeanSquaredError : Loss
    {
        /// <inheritdoc/>
        public override string Name { get { return "mse"; } }

        /// <inheritdoc/>
        public override float Value(float[] predicted, float[] target, int rows, int cols)
        {
            float sum = 0f;
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                float d = predicted[i] - target[i];
                sum += d * d;
            }
            return sum / count;
        }

        /// <inheritdoc/>
        public override void Gradient(float[] predicted, float[] target, float[] gradient, int rows, int cols)
        {
            int count = rows * cols;
            float scale = 2f / count;
            for (int i = 0; i < count; i++)
            {
                gradient[i] = scale * (predicted[i] - target[i]);
            }
        }
    }
}
