using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// PREDICT: runs the loaded model's predictor (in RAM or streamed) on the raw input bytes (its pixel scaling
    /// and argmax) and answers PREDICTION with the class, every score and the microseconds it took.
    /// </summary>
    public sealed class PredictRequest
    {
        private readonly LoadedModel _loaded;
        private readonly IBoardClock _clock;
        private readonly FineTuneHandler _fineTune;

        /// <summary>
        /// Predicts with <paramref name="loaded"/>, or with the output layer <paramref name="fineTune"/>
        /// adapted while there is an adaptation, timed by <paramref name="clock"/>.
        /// </summary>
        public PredictRequest(LoadedModel loaded, IBoardClock clock, FineTuneHandler fineTune)
        {
            _loaded = loaded;
            _clock = clock;
            _fineTune = fineTune;
        }

        /// <summary>Reads a PREDICT payload (one byte per model input) and writes the reply; returns its type.</summary>
        public int Answer(PayloadReader r, PayloadWriter w)
        {
            int count = r.Remaining;
            IPredictor predictor = _loaded.Predictor;
            if (predictor == null)
            {
                string status = _loaded.Status;
                return Replies.Error(w, ErrorCode.NoModel, "no model is loaded: flash one first"
                    + (status.Length > 0 ? " (" + status + ")" : ""));
            }
            int inputs = predictor.Model.Inputs;
            if (count != inputs)
            {
                return Replies.Error(w, ErrorCode.BadInput, "PREDICT sent " + count.ToString() + " values but the model takes "
                    + inputs.ToString());
            }
            long start = _clock.Microseconds;
            TinyNet.FineTuning.OutputLayerTuner adapted = _fineTune.Adapted;
            int best = adapted != null ? adapted.Predict(r.Buffer, r.Position) : predictor.Predict(r.Buffer, r.Position);
            long micros = _clock.Microseconds - start;
            float[] scores = adapted != null ? adapted.Scores : predictor.Scores;
            Prediction.Write(w, best, scores, scores.Length, micros);
            return MessageType.Prediction;
        }
    }
}
