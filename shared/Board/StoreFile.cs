using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>One of a model store's two files, the active model or the upload, as a chunk source.</summary>
    public sealed class StoreFile : IChunkSource
    {
        private readonly IModelStore _store;
        private readonly bool _upload;

        /// <summary>The upload in progress when <paramref name="upload"/> is true, else the active model.</summary>
        public StoreFile(IModelStore store, bool upload)
        {
            _store = store;
            _upload = upload;
        }

        /// <inheritdoc/>
        public int ReadChunk(int position, byte[] buffer, int offset, int count)
        {
            return _upload ? _store.ReadUpload(position, buffer, offset, count) : _store.ReadActive(position, buffer, offset, count);
        }
    }
}
