namespace TinyNet.Models
{
    /// <summary>
    /// How much of a model file a <see cref="ModelReader"/> keeps in memory: nothing (validation),
    /// the shape only, everything but the int8 weights (for a predictor that streams them from the
    /// stored file), or everything.
    /// </summary>
    public static class LoadMode
    {
        /// <summary>Check the file only; no model is built.</summary>
        public const int Validate = 0;

        /// <summary>Build the model's layers without parameter arrays: enough to ask what it needs.</summary>
        public const int Shape = 1;

        /// <summary>Keep scales, biases and float32 weights; leave int8 weights in the file (see StreamedPredictor).</summary>
        public const int StreamInt8Weights = 2;

        /// <summary>Keep every parameter in memory.</summary>
        public const int Full = 3;
    }
}
