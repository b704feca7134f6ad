namespace TinyNet.Board
{
    /// <summary>
    /// Where the board keeps its model: one active model and at most one upload in progress.
    /// An upload never touches the active model until <see cref="CommitUpload"/>, which replaces it
    /// atomically, so a reset or a cut cable at any moment leaves the previous model loadable.
    /// Reads are chunked because the device cannot hold a whole model file and its parsed form at once.
    /// </summary>
    public interface IModelStore
    {
        /// <summary>Length in bytes of the active model, or -1 when no model is stored.</summary>
        int ActiveLength { get; }

        /// <summary>Copies up to <paramref name="count"/> bytes of the active model from <paramref name="position"/>; returns how many.</summary>
        int ReadActive(int position, byte[] buffer, int offset, int count);

        /// <summary>Bytes of the upload in progress written so far (0 when there is none).</summary>
        int UploadLength { get; }

        /// <summary>Starts a new upload, discarding any previous unfinished one.</summary>
        void BeginUpload();

        /// <summary>Appends bytes to the upload in progress.</summary>
        void AppendUpload(byte[] buffer, int offset, int count);

        /// <summary>Copies up to <paramref name="count"/> bytes of the upload from <paramref name="position"/>; returns how many.</summary>
        int ReadUpload(int position, byte[] buffer, int offset, int count);

        /// <summary>Makes the (already verified) upload the active model, atomically.</summary>
        void CommitUpload();

        /// <summary>Throws away the upload in progress, if any.</summary>
        void DiscardUpload();
    }
}
