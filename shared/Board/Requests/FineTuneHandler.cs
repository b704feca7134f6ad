using TinyNet.FineTuning;
using TinyNet.Kernels;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board.Requests
{
    /// <summary>
    /// TRAIN_SAMPLE, TRAIN_EPOCH, KEEP and REVERT: fine-tuning the loaded model's output layer on the
    /// board (<see cref="OutputLayerTuner"/>). The tuner is created by the first TRAIN_SAMPLE, after the
    /// memory it needs was checked against the board's heap; from then on PREDICT answers with the
    /// adapted model (<see cref="Adapted"/>). KEEP stores it through the upload's commit
    /// (<see cref="UploadHandler.Install"/>), so a cut during the write leaves the previous model active.
    /// </summary>
    /// <remarks>
    /// KEEP writes the output layer in the stored model's weight type: an int8 model stays int8 (its
    /// output layer re-quantized with <see cref="Quantizer"/>), so the file has the same size as the one
    /// the board already accepted and always fits its model room; a float32 model stays float32.
    /// </remarks>
    public sealed class FineTuneHandler
    {
        private readonly IModelStore _store;
        private readonly LoadedModel _loaded;
        private readonly UploadHandler _upload;
        private readonly IBoardClock _clock;
        private readonly int _heapBytes;
        private readonly int _trainingSamples;
        private readonly int _maxModelBytes;
        private readonly StoreUploadSink _sink;
        private OutputLayerTuner _tuner;

        /// <summary>
        /// Fine-tunes <paramref name="loaded"/>'s model within <paramref name="heapBytes"/> of RAM, keeping
        /// <paramref name="trainingSamples"/> samples; KEEP stores through <paramref name="upload"/>'s commit.
        /// </summary>
        public FineTuneHandler(IModelStore store, LoadedModel loaded, UploadHandler upload, IBoardClock clock,
            int heapBytes, int trainingSamples, int maxModelBytes)
        {
            _store = store;
            _loaded = loaded;
            _upload = upload;
            _clock = clock;
            _heapBytes = heapBytes;
            _trainingSamples = trainingSamples;
            _maxModelBytes = maxModelBytes;
            _sink = new StoreUploadSink(store);
        }

        /// <summary>
        /// The tuner of the loaded model when it has been trained since the last KEEP, REVERT or upload
        /// (then PREDICT uses it), or null.
        /// </summary>
        public OutputLayerTuner Adapted
        {
            get
            {
                if (_tuner != null && _tuner.Model != _loaded.Model)
                {
                    _tuner = null; // a new model was uploaded: the adaptation belonged to the old one
                }
                return _tuner;
            }
        }

        /// <summary>Drops the adaptation (at boot, and before anything that reloads the model).</summary>
        public void Drop()
        {
            _tuner = null;
        }

        /// <summary>Reads TRAIN_SAMPLE (label, learning rate, pixels), trains one step and writes TRAIN_RESULT; returns the reply type.</summary>
        public int Sample(PayloadReader r, PayloadWriter w)
        {
            int label = r.U8();
            float learningRate = r.F32();
            if (!r.Ok)
            {
                return Replies.BadRequest(w, MessageType.TrainSample, r);
            }
            Model model = _loaded.Model;
            if (model == null)
            {
                return Replies.Error(w, ErrorCode.NoModel, "no model is loaded: flash one before fine-tuning it");
            }
            int count = r.Remaining;
            if (count != model.Inputs)
            {
                return Replies.Error(w, ErrorCode.BadSample, "TRAIN_SAMPLE sent " + count.ToString() + " pixels but the model takes "
                    + model.Inputs.ToString() + ": send one byte per input (28×28 = 784 for MNIST)");
            }
            if (label >= model.Outputs)
            {
                return Replies.Error(w, ErrorCode.BadSample, "TRAIN_SAMPLE has label " + label.ToString() + " but the model's classes are 0 to "
                    + (model.Outputs - 1).ToString());
            }
            string problem = CheckRate(learningRate);
            if (problem != null)
            {
                return Replies.Error(w, ErrorCode.BadSample, problem);
            }
            OutputLayerTuner tuner = Adapted;
            if (tuner == null)
            {
                problem = _loaded.Streamed
                    ? "fine-tuning needs the frozen layers' weights in RAM, but this model runs with its weights streamed from flash on this board; fine-tune a smaller model (fewer --hidden neurons) or use a board with PSRAM"
                    : OutputLayerTuner.Refusal(model, _heapBytes, _trainingSamples);
                if (problem != null)
                {
                    return Replies.Error(w, ErrorCode.CannotFineTune, problem);
                }
                tuner = new OutputLayerTuner(model, _trainingSamples, new ScalarKernels());
                _tuner = tuner;
            }
            TrainingStep step = tuner.Train(r.Buffer, r.Position, label, learningRate);
            tuner.Samples.Add(r.Buffer, r.Position, label);
            TrainResult.Write(w, step.Loss, step.Predicted, tuner.Seen, tuner.Correct, tuner.Samples.Count);
            return MessageType.TrainResult;
        }

        /// <summary>Reads TRAIN_EPOCH (learning rate), trains once on every kept sample and writes EPOCH_RESULT; returns the reply type.</summary>
        public int Epoch(PayloadReader r, PayloadWriter w)
        {
            float learningRate = r.F32();
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.TrainEpoch, r);
            }
            string problem = CheckRate(learningRate);
            if (problem != null)
            {
                return Replies.Error(w, ErrorCode.BadSample, problem);
            }
            OutputLayerTuner tuner = Adapted;
            if (tuner == null || tuner.Samples.Count == 0)
            {
                return Replies.Error(w, ErrorCode.NothingToTrain, "TRAIN_EPOCH without kept samples: send them with TRAIN_SAMPLE first");
            }
            SampleBuffer samples = tuner.Samples;
            long start = _clock.Microseconds;
            float loss = 0f;
            int correct = 0;
            for (int i = 0; i < samples.Count; i++)
            {
                TrainingStep step = tuner.Train(samples.Pixels, samples.Offset(i), samples.Label(i), learningRate);
                loss += step.Loss;
                if (step.Correct)
                {
                    correct++;
                }
            }
            long micros = _clock.Microseconds - start;
            EpochResult.Write(w, samples.Count, loss / samples.Count, correct, micros);
            return MessageType.EpochResult;
        }

        /// <summary>Reads KEEP (empty), stores the adapted model as the active one and writes the reply; returns its type.</summary>
        public int Keep(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.Keep, r);
            }
            OutputLayerTuner tuner = Adapted;
            if (tuner == null)
            {
                return Replies.Error(w, ErrorCode.NothingToTrain, "KEEP without an adaptation: fine-tune with TRAIN_SAMPLE first");
            }
            Model adapted = tuner.AdaptedModel();
            int bytes = ModelFile.FileBytes(adapted);
            if (bytes > _maxModelBytes)
            {
                return Replies.Error(w, ErrorCode.UploadTooLarge, "the adapted model takes " + bytes.ToString() + " bytes and this board stores at most "
                    + _maxModelBytes.ToString());
            }
            _upload.Reset();
            _store.BeginUpload();
            ModelStreamWriter writer = new ModelStreamWriter(OutputLayerTuner.WriteBlockBytes);
            string problem = writer.Write(adapted, _sink);
            if (problem != null)
            {
                _store.DiscardUpload();
                return Replies.Error(w, ErrorCode.ModelInvalid, "the adapted model cannot be stored (" + problem
                    + "): the learning rate was probably too high; REVERT and train again with a smaller one");
            }
            // The adaptation is in the file now; its memory is needed to load the new model.
            adapted = null;
            _tuner = null;
            return _upload.Install(writer.FileCrc, "KEEP wrote", "the adapted model was lost; fine-tune again", w);
        }

        /// <summary>Reads REVERT (empty), drops the adaptation and writes ACK; returns the reply type.</summary>
        public int Revert(PayloadReader r, PayloadWriter w)
        {
            if (!r.AtEnd)
            {
                return Replies.BadRequest(w, MessageType.Revert, r);
            }
            _tuner = null;
            return MessageType.Ack;
        }

        private static string CheckRate(float learningRate)
        {
            // Written so that NaN fails too.
            if (learningRate > 0f && learningRate <= 10f)
            {
                return null;
            }
            return "the learning rate must be above 0 and at most 10";
        }
    }
}
