using System.Net;
using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Host.Networking;

/// <summary>
/// Answers discovery queries for a virtual board, on loopback only: it listens on the loopback
/// broadcast address (127.255.255.255), so only queries broadcast on this machine reach it. Several
/// virtual boards can share the port (SO_REUSEADDR); each gets every broadcast and answers.
/// </summary>
public sealed class DiscoveryResponder : IDisposable
{
    public static readonly IPAddress LoopbackBroadcast = IPAddress.Parse("127.255.255.255");

    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly BoardAnnouncer _announcer;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public DiscoveryResponder(BoardAnnouncer announcer, int port)
    {
        _announcer = announcer;
        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.Bind(new IPEndPoint(LoopbackBroadcast, port));
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new UserError($"cannot answer discovery on UDP port {port}: {e.Message}; pick another --discovery-port");
        }
        _thread = new Thread(Serve) { IsBackground = true, Name = "discovery responder" };
        _thread.Start();
    }

    /// <summary>Queries answered so far.</summary>
    public int Answered { get; private set; }

    private void Serve()
    {
        var datagram = new byte[DiscoveryMessage.MaxBytes];
        var reply = new byte[DiscoveryMessage.MaxBytes];
        while (!_stopping)
        {
            try
            {
                if (!_socket.Poll(100_000, SelectMode.SelectRead)) continue;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                int n = _socket.ReceiveFrom(datagram, ref from);
                if (!IPAddress.IsLoopback(((IPEndPoint)from).Address)) continue; // never answer off this machine
                int length = _announcer.Answer(datagram, n, reply);
                if (length > 0)
                {
                    _socket.SendTo(reply, 0, length, SocketFlags.None, from);
                    Answered++;
                }
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
                // A refused reply (or the store mid-commit while its CRC was read) (the asker left) or a transient error: keep answering.
            }
            catch (ObjectDisposedException) when (_stopping)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(1));
        _socket.Dispose();
    }
}
