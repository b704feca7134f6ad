namespace TinyNet.Link
{
    /// <summary>
    /// A raw, unreliable byte pipe: a UART on the board, a pseudo-terminal or an in-memory pipe
    /// on the host. The link protocol adds framing, CRCs and retries on top of it.
    /// </summary>
    public interface IByteChannel
    {
        /// <summary>
        /// Reads at most <paramref name="count"/> bytes into <paramref name="buffer"/> at
        /// <paramref name="offset"/>, waiting up to <paramref name="timeoutMilliseconds"/> for the
        /// first one. Returns how many were read; 0 means nothing arrived in time.
        /// </summary>
        int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds);

        /// <summary>Writes <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        void Write(byte[] buffer, int offset, int count);
    }
}
