using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>
    /// Whether a model fits a board profile: its file against the largest model the board stores, and
    /// the heap it needs (weights in RAM, or int8 weights streamed from flash) against the heap left for a
    /// model once the session's buffers are allocated. The one computation behind the board's refusals,
    /// its choice of predictor, its free-memory figure on the virtual board, and the host's fit verdicts.
    /// </summary>
    /// <remarks>
    /// Heap figures come from the layer contract's size function (<see cref="DenseLayer.InferenceBytes(int, int, int, int, bool)"/>,
    /// batch 1) plus the predictor's input buffer and, streamed, its block buffer, plus what the loaded model
    /// prepares besides (<see cref="LoadedModel.PreparedBytes"/>: class names, the PREDICT_VALUES buffer);
    /// object headers are not counted, which the profiles' conservative heap figures absorb.
    /// </remarks>
    public sealed class ModelFit
    {
        /// <summary>The profile judged against.</summary>
        public readonly BoardProfile Profile;
        /// <summary>The model file's size in bytes.</summary>
        public readonly long FileBytes;
        /// <summary>Heap the model needs with every weight in RAM.</summary>
        public readonly long InRamBytes;
        /// <summary>Heap the model needs with its int8 weights streamed from flash (= in RAM when it has no int8 layer).</summary>
        public readonly long StreamedBytes;
        /// <summary>Heap the board has for a model.</summary>
        public readonly long AvailableBytes;

        private ModelFit(BoardProfile profile, long fileBytes, long inRam, long streamed)
        {
            Profile = profile;
            FileBytes = fileBytes;
            InRamBytes = inRam;
            StreamedBytes = streamed;
            AvailableBytes = AvailableHeapBytes(profile);
        }

        /// <summary>Judges <paramref name="model"/>, stored in a file of <paramref name="fileBytes"/> bytes, against <paramref name="profile"/>.</summary>
        public static ModelFit Of(Model model, long fileBytes, BoardProfile profile)
        {
            return new ModelFit(profile, fileBytes, InRamHeapBytes(model), StreamedHeapBytes(model));
        }

        /// <summary>True when the board stores the file.</summary>
        public bool FitsFlash { get { return FileBytes <= Profile.MaxModelBytes; } }

        /// <summary>True when every weight fits in the heap.</summary>
        public bool RunsInRam { get { return InRamBytes <= AvailableBytes; } }

        /// <summary>True when the model runs with its int8 weights streamed (or in RAM).</summary>
        public bool Runs { get { return RunsInRam || StreamedBytes <= AvailableBytes; } }

        /// <summary>True when the board both stores and runs the model.</summary>
        public bool Fits { get { return FitsFlash && Runs; } }

        /// <summary>"in RAM", "streamed" or "does not run": how the board would run it.</summary>
        public string Mode { get { return RunsInRam ? "in RAM" : Runs ? "streamed" : "does not run"; } }

        /// <summary>Heap the board has for a model: the profile's heap less the session's own buffers.</summary>
        public static long AvailableHeapBytes(BoardProfile profile)
        {
            return (long)profile.HeapBytes - BoardSession.BufferBytes;
        }

        /// <summary>Heap <paramref name="model"/> needs with every weight in RAM (a <see cref="Predictor"/>).</summary>
        public static long InRamHeapBytes(Model model)
        {
            // An int8 first layer sums the pixel bytes in int32 (one per neuron) instead of copying them to floats.
            long bytes = FirstLayerInt8(model) ? 4L * model.Layer(0).Neurons : 4L * model.Inputs;
            bytes += LoadedModel.PreparedBytes(model);
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                bytes += DenseLayer.InferenceBytes(layer.Inputs, layer.Neurons, 1, layer.WeightType, layer.HasBias);
            }
            return bytes;
        }

        /// <summary>Heap <paramref name="model"/> needs with its int8 weights read from flash (a <see cref="StreamedPredictor"/>).</summary>
        public static long StreamedHeapBytes(Model model)
        {
            // The streamed predictor keeps the float input and, for an int8 first layer, the int32 sums.
            long bytes = 4L * model.Inputs + StreamedPredictor.BufferBytes(model) + (FirstLayerInt8(model) ? 4L * model.Layer(0).Neurons : 0L);
            bytes += LoadedModel.PreparedBytes(model);
            bool streams = false;
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                bytes += DenseLayer.InferenceBytes(layer.Inputs, layer.Neurons, 1, layer.WeightType, layer.HasBias);
                if (layer.IsQuantized)
                {
                    bytes -= (long)layer.Inputs * layer.Neurons;
                    streams = true;
                }
            }
            return streams ? bytes : InRamHeapBytes(model);
        }

        private static bool FirstLayerInt8(Model model)
        {
            return model.LayerCount > 0 && model.Layer(0).IsQuantized;
        }

        /// <summary>The board's refusal of an upload too large for its flash (UPLOAD_BEGIN), with what to do.</summary>
        public static string FlashMessage(long fileBytes, int maxModelBytes, string profileName)
        {
            return "a " + fileBytes.ToString() + "-byte model does not fit: this board (" + profileName + ") stores models of 1 to "
                + maxModelBytes.ToString() + " bytes; quantize it (tinynet quantize: int8 weights take a quarter of the bytes) or train fewer --hidden neurons";
        }

        /// <summary>The board's refusal of a model too large for its heap even streamed, with what to do.</summary>
        public string HeapMessage()
        {
            return "the model needs " + StreamedBytes.ToString() + " bytes of heap with its int8 weights streamed from flash ("
                + InRamBytes.ToString() + " in RAM) but this board (" + Profile.Name + ") has " + AvailableBytes.ToString()
                + " bytes for a model; quantize it (tinynet quantize) or train fewer --hidden neurons";
        }

        /// <summary>The verdict a host command prints: flash and heap against the profile, in two lines.</summary>
        public string Verdict()
        {
            string advice = StreamedBytes < InRamBytes ? "train fewer --hidden neurons or choose a board with more flash"
                : "quantize it or train fewer --hidden neurons";   // streaming saves heap only for int8 weights
            string flash = "flash: " + FileBytes.ToString() + " of " + Profile.MaxModelBytes.ToString() + " bytes "
                + (FitsFlash ? "(fits)" : "(too large: " + advice + ")");
            string heap = "heap: " + InRamBytes.ToString() + " bytes in RAM, " + StreamedBytes.ToString() + " streamed, of "
                + AvailableBytes.ToString() + " available (" + Mode + ")";
            string head = Fits ? "fits " + Profile.Name + ", runs " + Mode : "does not fit " + Profile.Name;
            return head + ": " + flash + "; " + heap;
        }
    }
}
