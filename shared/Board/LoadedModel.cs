using TinyNet.Kernels;
using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>
    /// The model the board runs: read from the store's active file through the shared
    /// <see cref="ChunkedModelReader"/> (only the parsed model is ever in memory, never the file), with
    /// the <see cref="Models.Predictor"/> that runs it, or the reason there is none.
    /// </summary>
    public sealed class LoadedModel
    {
        private readonly IModelStore _store;
        private readonly StoreFile _activeFile;
        private readonly ChunkedModelReader _reader;

        private Model _model;
        private Predictor _predictor;
        private string _status = "";
        private int _bytes;
        private uint _crc;

        /// <summary>A board without a model yet; <see cref="Load"/> reads the store's active model through <paramref name="reader"/>.</summary>
        public LoadedModel(IModelStore store, ChunkedModelReader reader)
        {
            _store = store;
            _activeFile = new StoreFile(store, false);
            _reader = reader;
        }

        /// <summary>The loaded model, or null.</summary>
        public Model Model { get { return _model; } }

        /// <summary>Runs the loaded model (the scalar kernels, as on the device), or null when none is loaded.</summary>
        public Predictor Predictor { get { return _predictor; } }

        /// <summary>Why the stored model was not loaded; empty when it was, or when none is stored.</summary>
        public string Status { get { return _status; } }

        /// <summary>The loaded model's file size in bytes (0 when none).</summary>
        public int Bytes { get { return _bytes; } }

        /// <summary>The loaded model's own CRC-32 (its file trailer; 0 when none).</summary>
        public uint Crc { get { return _crc; } }

        /// <summary>
        /// Drops the current model, then loads the store's active one if it is valid and fits in memory;
        /// otherwise the board runs without one and <see cref="Status"/> says why.
        /// </summary>
        public void Load()
        {
            _model = null; // the old model's memory is needed for the new one
            _predictor = null;
            _bytes = 0;
            _crc = 0;
            _status = "";
            int length = _store.ActiveLength;
            if (length < 0)
            {
                return;
            }
            try
            {
                string problem = _reader.Read(_activeFile, length, true);
                Model model = _reader.TakeModel();
                if (problem != null)
                {
                    _status = "the stored model was not loaded: " + problem;
                    return;
                }
                _predictor = new Predictor(model, new ScalarKernels());
                _model = model;
                _bytes = length;
                _crc = _reader.ModelCrc;
            }
            catch (System.OutOfMemoryException)
            {
                _model = null;
                _predictor = null;
                _reader.TakeModel();
                _status = "the stored model (" + length.ToString() + " bytes) does not fit in the board's memory";
            }
        }
    }
}
