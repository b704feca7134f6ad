using System.Net;
using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Host.Networking;

/// <summary>A listening TCP socket on 127.0.0.1 for the virtual board (port 0: any free port).</summary>
public sealed class SocketListener : IConnectionListener, IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);

    public SocketListener(int port)
    {
        try
        {
            _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            _socket.Listen(8);
        }
        catch (SocketException e)
        {
            _socket.Dispose();
            throw new UserError($"cannot listen on 127.0.0.1:{port}: {e.Message}; pick another port (--tcp PORT, 0 for any free one)");
        }
        Port = ((IPEndPoint)_socket.LocalEndPoint!).Port;
    }

    public int Port { get; }

    public IConnection? Accept(int timeoutMilliseconds)
    {
        try
        {
            if (!_socket.Poll(Math.Max(0, timeoutMilliseconds) * 1000, SelectMode.SelectRead)) return null;
            Socket client = _socket.Accept();
            client.NoDelay = true; // one small frame at a time: Nagle would hold each reply back
            return new SocketConnection(client);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            return null;
        }
    }

    public void Dispose() => _socket.Dispose();
}
