using TinyNet.FineTuning;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// PREDICT and PREDICT_VALUES: runs the loaded model's predictor (in RAM or streamed), or the adapted
    /// output layer while there is an adaptation, on raw input bytes (scaled by 1/255) or on float values
    /// as they are, and answers PREDICTION with the class, every score, the microseconds it took and,
    /// when the model names its classes, the class's name. Nothing is allocated per request: the values
    /// are decoded into the loaded model's buffer, the name is sent from bytes prepared at load.
    /// </summary>
    public sealed class PredictRequest
    {
        private readonly LoadedModel _loaded;
        private readonly IBoardClock _clock;
        private readonly FineTuneHandler _fineTune;
        private int _lastClass = -1;

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

        /// <summary>The class of the last prediction answered (-1 before the first).</summary>
        public int LastClass { get { return _lastClass; } }

        /// <summary>Reads a PREDICT payload (one byte per model input) and writes the reply; returns its type.</summary>
        public int Answer(PayloadReader r, PayloadWriter w)
        {
            IPredictor predictor = _loaded.Predictor;
            if (predictor == null)
            {
                return NoModel(w);
            }
            int count = r.Remaining;
            int inputs = predictor.Model.Inputs;
            if (count != inputs)
            {
                return Replies.Error(w, ErrorCode.BadInput, "PREDICT sent " + count.ToString() + " values but the model takes "
                    + inputs.ToString());
            }
            long start = _clock.Microseconds;
            OutputLayerTuner adapted = _fineTune.Adapted;
            int best = adapted != null ? adapted.Predict(r.Buffer, r.Position) : predictor.Predict(r.Buffer, r.Position);
            return Reply(w, best, adapted != null ? adapted.Scores : predictor.Scores, _clock.Microseconds - start);
        }

        /// <summary>
        /// Reads a PREDICT_VALUES payload (the model's inputs as float32, taken as they are: no 1/255) and writes
        /// the reply; returns its type. A wrong count or a value that is not a finite number is refused (BadInput).
        /// </summary>
        public int AnswerValues(PayloadReader r, PayloadWriter w)
        {
            IPredictor predictor = _loaded.Predictor;
            if (predictor == null)
            {
                return NoModel(w);
            }
            int bytes = r.Remaining;
            int inputs = predictor.Model.Inputs;
            if (bytes != 4 * inputs)
            {
                return Replies.Error(w, ErrorCode.BadInput, "PREDICT_VALUES sent " + bytes.ToString() + " bytes but the model takes "
                    + inputs.ToString() + " float32 values (" + (4 * inputs).ToString() + " bytes)");
            }
            // The count matched, so the values fit one frame and the loaded model has their buffer.
            float[] values = _loaded.Values;
            for (int i = 0; i < inputs; i++)
            {
                float value = r.F32();
                if (!MathSeam.IsFinite(value))
                {
                    return Replies.Error(w, ErrorCode.BadInput, "PREDICT_VALUES value " + (i + 1).ToString() + " of " + inputs.ToString()
                        + " is not a finite number");
                }
                values[i] = value;
            }
            long start = _clock.Microseconds;
            OutputLayerTuner adapted = _fineTune.Adapted;
            int best = adapted != null ? adapted.Predict(values) : predictor.Predict(values);
            return Reply(w, best, adapted != null ? adapted.Scores : predictor.Scores, _clock.Microseconds - start);
        }

        private int Reply(PayloadWriter w, int best, float[] scores, long micros)
        {
            _lastClass = best;
            Prediction.Write(w, best, scores, scores.Length, micros, _loaded.ClassNameBytes(best));
            return MessageType.Prediction;
        }

        private int NoModel(PayloadWriter w)
        {
            string status = _loaded.Status;
            return Replies.Error(w, ErrorCode.NoModel, "no model is loaded: flash one first"
                + (status.Length > 0 ? " (" + status + ")" : ""));
        }
    }
}
