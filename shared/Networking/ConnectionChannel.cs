using TinyNet.Link;

namespace TinyNet.Networking
{
    /// <summary>
    /// The channel a network board's <c>BoardSession</c> owns for its whole life: it forwards to
    /// whichever client connection is current, so one session (its loaded model, its partial upload)
    /// serves client after client. With no client, reads return nothing and writes are dropped.
    /// </summary>
    public sealed class ConnectionChannel : IByteChannel
    {
        private IConnection _current;

        /// <summary>The connection reads and writes go to; null when no client is connected.</summary>
        public IConnection Current
        {
            get { return _current; }
            set { _current = value; }
        }

        /// <inheritdoc/>
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            IConnection connection = _current;
            return connection == null ? 0 : connection.Read(buffer, offset, count, timeoutMilliseconds);
        }

        /// <inheritdoc/>
        public void Write(byte[] buffer, int offset, int count)
        {
            IConnection connection = _current;
            if (connection != null)
            {
                connection.Write(buffer, offset, count);
            }
        }
    }
}
