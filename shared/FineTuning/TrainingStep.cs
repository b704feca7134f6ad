namespace TinyNet.FineTuning
{
    /// <summary>What one fine-tuning step on one sample gave: its loss and the class predicted before the step.</summary>
    public sealed class TrainingStep
    {
        /// <summary>Softmax cross-entropy of the sample before the update.</summary>
        public float Loss;

        /// <summary>The class the output layer predicted before the update.</summary>
        public int Predicted;

        /// <summary>True when <see cref="Predicted"/> was the sample's label.</summary>
        public bool Correct;
    }
}
