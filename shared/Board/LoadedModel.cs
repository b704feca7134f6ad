using TinyNet.Kernels;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>
    /// The model the board runs: read from the store's active file through the shared
    /// <see cref="ChunkedModelReader"/> (only the parsed model is ever in memory, never the file), with
    /// the predictor that runs it, or the reason there is none. The board profile decides how it runs:
    /// every weight in RAM when the heap holds them (<see cref="Models.Predictor"/>), else its int8
    /// weights streamed from the stored file (<see cref="StreamedPredictor"/>), else not at all.
    /// </summary>
    public sealed class LoadedModel
    {
        private readonly IModelStore _store;
        private readonly StoreFile _activeFile;
        private readonly ChunkedModelReader _reader;
        private readonly BoardProfile _profile;

        private Model _model;
        private IPredictor _predictor;
        private string _status = "";
        private int _bytes;
        private uint _crc;
        private long _heapBytes;
        private byte[][] _classNameBytes;
        private float[] _values;

        /// <summary>A board of <paramref name="profile"/> without a model yet; <see cref="Load"/> reads the store's active model through <paramref name="reader"/>.</summary>
        public LoadedModel(IModelStore store, ChunkedModelReader reader, BoardProfile profile)
        {
            _store = store;
            _activeFile = new StoreFile(store, false);
            _reader = reader;
            _profile = profile;
        }

        /// <summary>The profile whose heap decides in RAM or streamed.</summary>
        public BoardProfile Profile { get { return _profile; } }

        /// <summary>The loaded model, or null.</summary>
        public Model Model { get { return _model; } }

        /// <summary>Runs the loaded model (the scalar kernels, as on the device), or null when none is loaded.</summary>
        public IPredictor Predictor { get { return _predictor; } }

        /// <summary>True when the loaded model's int8 weights are read from the store during each prediction.</summary>
        public bool Streamed { get { return _predictor != null && _predictor.Streamed; } }

        /// <summary>Heap the loaded model takes as it runs (from <see cref="ModelFit"/>; 0 when none).</summary>
        public long HeapBytes { get { return _heapBytes; } }

        /// <summary>
        /// The ASCII bytes of class <paramref name="index"/>'s name, prepared at load so a PREDICTION reply
        /// carries it without allocating; null when the model names no classes (or none is loaded).
        /// </summary>
        public byte[] ClassNameBytes(int index)
        {
            return _classNameBytes == null ? null : _classNameBytes[index];
        }

        /// <summary>
        /// A buffer of the model's inputs as floats, allocated at load: where PREDICT_VALUES decodes its
        /// values before the predictor runs on them (null when no model is loaded, or when the model has more
        /// inputs than one PREDICT_VALUES frame can carry).
        /// </summary>
        public float[] Values { get { return _values; } }

        /// <summary>
        /// Bytes a loaded <paramref name="model"/> takes besides its predictor: the class names (their strings and
        /// the ASCII copies a PREDICTION reply sends) and the PREDICT_VALUES input buffer. Part of <see cref="ModelFit"/>'s figures.
        /// </summary>
        public static long PreparedBytes(Model model)
        {
            long bytes = ValuesBufferLength(model) * 4L;
            string[] names = model.ClassNames;
            if (names != null)
            {
                for (int i = 0; i < names.Length; i++)
                {
                    bytes += 2L * names[i].Length;
                }
            }
            return bytes;
        }

        // A PREDICT_VALUES frame carries at most LinkProtocol.MaxValues floats, so a model with more
        // inputs (784 pixels) can never be sent values and needs no buffer for them: 3 KB of heap kept.
        private static int ValuesBufferLength(Model model)
        {
            return model.Inputs <= LinkProtocol.MaxValues ? model.Inputs : 0;
        }

        /// <summary>Why the stored model was not loaded; empty when it was, or when none is stored.</summary>
        public string Status { get { return _status; } }

        /// <summary>The loaded model's file size in bytes (0 when none).</summary>
        public int Bytes { get { return _bytes; } }

        /// <summary>The loaded model's own CRC-32 (its file trailer; 0 when none).</summary>
        public uint Crc { get { return _crc; } }

        /// <summary>
        /// Drops the current model, then loads the store's active one if it is valid and fits the profile's
        /// heap (in RAM or streamed); otherwise the board runs without one and <see cref="Status"/> says why.
        /// </summary>
        public void Load()
        {
            _model = null; // the old model's memory is needed for the new one
            _predictor = null;
            _bytes = 0;
            _crc = 0;
            _heapBytes = 0;
            _classNameBytes = null;
            _values = null;
            _status = "";
            int length = _store.ActiveLength;
            if (length < 0)
            {
                return;
            }
            try
            {
                // The shape first (no parameters allocated): it says how much heap each way of running takes.
                string problem = _reader.Read(_activeFile, length, LoadMode.Shape);
                Model shape = _reader.TakeModel();
                if (problem != null)
                {
                    _status = "the stored model was not loaded: " + problem;
                    return;
                }
                ModelFit fit = ModelFit.Of(shape, length, _profile);
                if (!fit.Runs)
                {
                    _status = "the stored model was not loaded: " + fit.HeapMessage();
                    return;
                }
                bool inRam = fit.RunsInRam;
                problem = _reader.Read(_activeFile, length, inRam ? LoadMode.Full : LoadMode.StreamInt8Weights);
                Model model = _reader.TakeModel();
                if (problem != null)
                {
                    _status = "the stored model was not loaded: " + problem;
                    return;
                }
                _predictor = inRam ? (IPredictor)new Predictor(model, new ScalarKernels())
                    : new StreamedPredictor(model, _activeFile, new ScalarKernels());
                _classNameBytes = AsciiNames(model.ClassNames);
                int valuesLength = ValuesBufferLength(model);
                _values = valuesLength > 0 ? new float[valuesLength] : null;
                _model = model;
                _bytes = length;
                _crc = _reader.ModelCrc;
                _heapBytes = inRam ? fit.InRamBytes : fit.StreamedBytes;
            }
            catch (System.OutOfMemoryException)
            {
                _model = null;
                _predictor = null;
                _heapBytes = 0;
                _classNameBytes = null;
                _values = null;
                _reader.TakeModel();
                _status = "the stored model (" + length.ToString() + " bytes) does not fit in the board's memory";
            }
        }

        // The names as the bytes a reply sends (the file allows printable ASCII only); null without names.
        private static byte[][] AsciiNames(string[] names)
        {
            if (names == null)
            {
                return null;
            }
            byte[][] bytes = new byte[names.Length][];
            for (int i = 0; i < names.Length; i++)
            {
                bytes[i] = new byte[names[i].Length];
                for (int k = 0; k < names[i].Length; k++)
                {
                    bytes[i][k] = (byte)names[i][k];
                }
            }
            return bytes;
        }
    }
}
