using TinyNet.Models;

namespace TinyNet.Board
{
    /// <summary>Streams bytes into the store's upload file (KEEP writes the adapted model through it).</summary>
    public sealed class StoreUploadSink : IByteSink
    {
        private readonly IModelStore _store;

        /// <summary>Appends to <paramref name="store"/>'s upload in progress.</summary>
        public StoreUploadSink(IModelStore store)
        {
            _store = store;
        }

        /// <inheritdoc/>
        public void Append(byte[] buffer, int offset, int count)
        {
            _store.AppendUpload(buffer, offset, count);
        }
    }
}
