namespace TinyNet.Losses
{
    /// <summary>L = ½ Σ (y − ŷ)², dL/dy = y − ŷ: the chain-rule lecture's loss, whose ½ cancels the 2.</summary>
    public sealed class HalfSquaredError : Loss
    {
        /// <inheritdoc/>
        public override string Name { get { return "half-squared"; } }

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
            return 0.5f * sum;
        }

        /// <inheritdoc/>
        public override void Gradient(float[] predicted, float[] target, float[] gradient, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                gradient[i] = predicted[i] - target[i];
            }
        }
    }
}
