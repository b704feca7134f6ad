using System;
using System.Net;
using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Device
{
    /// <summary>The board's listening TCP socket for the link, on every interface (the WiFi station's address).</summary>
    public sealed class SocketListener : IConnectionListener
    {
        private readonly Socket _socket;

        /// <summary>Listens on <paramref name="port"/>.</summary>
        public SocketListener(int port)
        {
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            _socket.Bind(new IPEndPoint(IPAddress.Any, port));
            _socket.Listen(2);
        }

        /// <summary>The next waiting client, waiting up to <paramref name="timeoutMilliseconds"/>; null when none.</summary>
        public IConnection Accept(int timeoutMilliseconds)
        {
            try
            {
                if (!_socket.Poll(timeoutMilliseconds * 1000, SelectMode.SelectRead))
                {
                    return null;
                }
                Socket client = _socket.Accept();
                // Small frames, one at a time: do not let Nagle hold a reply back for an ack.
                client.SetSocketOption(SocketOptionLevel.Tcp, SocketOptionName.NoDelay, true);
                return new SocketConnection(client);
            }
            catch (Exception)
            {
                return null; // a client that reset before it was accepted
            }
        }
    }
}
