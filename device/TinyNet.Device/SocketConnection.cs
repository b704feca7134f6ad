using System;
using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Device
{
    /// <summary>One accepted TCP client of the board's link (a nanoFramework socket).</summary>
    public sealed class SocketConnection : IConnection
    {
        private readonly Socket _socket;
        private bool _open = true;

        /// <summary>Wraps an accepted socket.</summary>
        public SocketConnection(Socket socket)
        {
            _socket = socket;
        }

        /// <summary>False once the peer closed, a socket call failed or <see cref="Close"/> was called.</summary>
        public bool IsOpen { get { return _open; } }

        /// <summary>Waits up to <paramref name="timeoutMilliseconds"/> for bytes; 0 when none came or the peer has gone.</summary>
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (!_open || count <= 0)
            {
                return 0;
            }
            try
            {
                if (!_socket.Poll(timeoutMilliseconds * 1000, SelectMode.SelectRead))
                {
                    return 0;
                }
                // Readable with nothing to read means the peer closed the connection.
                int n = _socket.Receive(buffer, offset, count, SocketFlags.None);
                if (n <= 0)
                {
                    Close();
                }
                return n;
            }
            catch (Exception)
            {
                // nanoFramework throws SocketException on a reset connection; any failure ends this client.
                Close();
                return 0;
            }
        }

        /// <summary>Sends all <paramref name="count"/> bytes; a failure closes the connection.</summary>
        public void Write(byte[] buffer, int offset, int count)
        {
            if (!_open)
            {
                return;
            }
            try
            {
                while (count > 0)
                {
                    int n = _socket.Send(buffer, offset, count, SocketFlags.None);
                    offset += n;
                    count -= n;
                }
            }
            catch (Exception)
            {
                Close();
            }
        }

        /// <summary>Closes the socket.</summary>
        public void Close()
        {
            if (!_open)
            {
                return;
            }
            _open = false;
            try
            {
                _socket.Close();
            }
            catch (Exception)
            {
                // Already gone.
            }
        }
    }
}
