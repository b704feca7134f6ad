using System;
using System.Net;
using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Device
{
    /// <summary>
    /// Answers `tinynet boards` discovery broadcasts on UDP <see cref="NetworkDefaults.DiscoveryPort"/>.
    /// Polled from the main loop (no thread of its own): a check costs one Poll(0).
    /// </summary>
    public sealed class DiscoveryListener
    {
        private readonly Socket _socket;
        private readonly BoardAnnouncer _announcer;
        private readonly byte[] _datagram = new byte[DiscoveryMessage.MaxBytes];
        private readonly byte[] _reply = new byte[DiscoveryMessage.MaxBytes];

        /// <summary>Binds the discovery port on every interface.</summary>
        public DiscoveryListener(BoardAnnouncer announcer)
        {
            _announcer = announcer;
            _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            _socket.Bind(new IPEndPoint(IPAddress.Any, NetworkDefaults.DiscoveryPort));
        }

        /// <summary>Answers the queries that have arrived; returns how many.</summary>
        public int AnswerPending()
        {
            int answered = 0;
            try
            {
                while (_socket.Poll(0, SelectMode.SelectRead))
                {
                    EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                    int n = _socket.ReceiveFrom(_datagram, ref from);
                    int length = _announcer.Answer(_datagram, n, _reply);
                    if (length > 0)
                    {
                        _socket.SendTo(_reply, 0, length, SocketFlags.None, from);
                        answered++;
                    }
                }
            }
            catch (Exception)
            {
                // A datagram that could not be read or answered: the asker will ask again.
            }
            return answered;
        }
    }
}
