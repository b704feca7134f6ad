namespace TinyNet.Losses
{
    /// <summary>L = Σ (Y − Ŷ)², dL/dY = 2(Y − Ŷ): the loss of the y = 2x neuron lecture.</summary>
    public sealed class SquaredError : Loss
    {
        /// <inheritdoc/>
        public override string Name { get { return "squared"; } }

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
            return sum;
        }

        /// <inheritdoc/>
        public override void Gradient(float[] predicted, float[] target, float[] gradient, int rows, int cols)
        {
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                gradient[i] = 2f * (predicted[i] - target[i]);
            }
        }
    }
}
