using TinyNet.Link;

namespace TinyNet.Networking
{
    /// <summary>
    /// One accepted client connection (a TCP socket on the board or the host). Read returns 0 both
    /// when nothing arrived in time and when the peer has gone; <see cref="IsOpen"/> tells them apart.
    /// </summary>
    public interface IConnection : IByteChannel
    {
        /// <summary>False once the peer closed the connection, a read or write failed, or <see cref="Close"/> was called.</summary>
        bool IsOpen { get; }

        /// <summary>Closes the connection; further reads return 0 and writes are dropped.</summary>
        void Close();
    }
}
