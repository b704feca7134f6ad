namespace TinyNet.Models
{
    /// <summary>The outcome of reading a model file: the model, or the reason it was refused.</summary>
    public sealed class ModelReadResult
    {
        /// <summary>The loaded model, or null when the file was refused.</summary>
        public readonly Model Model;

        /// <summary>Why the file was refused (one line, no file name), or null on success.</summary>
        public readonly string Error;

        /// <summary>Wraps a model or an error (exactly one of them is non-null).</summary>
        public ModelReadResult(Model model, string error)
        {
            Model = model;
            Error = error;
        }

        /// <summary>True when a model was loaded.</summary>
        public bool Succeeded { get { return Model != null; } }
    }
}
