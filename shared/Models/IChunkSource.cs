namespace TinyNet.Models
{
    /// <summary>
    /// A file that is read a piece at a time from any position: a model in a board's flash, an upload
    /// in progress. Lets <see cref="ChunkedModelReader"/> read a model without the whole file in memory.
    /// </summary>
    public interface IChunkSource
    {
        /// <summary>
        /// Copies up to <paramref name="count"/> bytes from <paramref name="position"/> into
        /// <paramref name="buffer"/> at <paramref name="offset"/>; returns how many (0 at the end).
        /// </summary>
        int ReadChunk(int position, byte[] buffer, int offset, int count);
    }
}
