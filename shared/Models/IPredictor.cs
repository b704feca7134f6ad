namespace TinyNet.Models
{
    /// <summary>
    /// Runs a model on one input at a time: <see cref="Predictor"/> with every weight in memory, or
    /// <see cref="StreamedPredictor"/> reading int8 weights from the stored file. Both give the same bits.
    /// </summary>
    public interface IPredictor
    {
        /// <summary>The model this predictor runs.</summary>
        Model Model { get; }

        /// <summary>True when int8 weights are read from the stored file during each prediction.</summary>
        bool Streamed { get; }

        /// <summary>The last prediction's outputs (one score per class).</summary>
        float[] Scores { get; }

        /// <summary>Scales Model.Inputs bytes from <paramref name="offset"/> by 1/255, runs the model, returns the best class.</summary>
        int Predict(byte[] pixels, int offset);

        /// <summary>Runs the model on <paramref name="input"/> (Model.Inputs floats); returns the best class.</summary>
        int Predict(float[] input);
    }
}
