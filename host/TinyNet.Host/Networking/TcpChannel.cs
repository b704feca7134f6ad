using System.Net.Sockets;
using TinyNet.Link;

namespace TinyNet.Host.Networking;

/// <summary>
/// The host's end of the link over TCP. When the board drops the connection (its idle timeout, or
/// it restarted) the next write connects again: the link resends a request that got no answer, and
/// requests are safe to resend, so a dropped connection costs one retry, not the command.
/// </summary>
public sealed class TcpChannel : IByteChannel, IDisposable
{
    private const int ConnectTimeoutMilliseconds = 3000;

    private readonly BoardAddress _address;
    private Socket? _socket;
    private bool _disposed;

    public TcpChannel(BoardAddress address)
    {
        _address = address;
        _socket = Connect();
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        Socket? socket = _socket;
        if (socket == null)
        {
            // Gone: wait out the timeout like a silent line; the link's retry reconnects through Write.
            Thread.Sleep(Math.Max(0, timeoutMilliseconds));
            return 0;
        }
        try
        {
            if (!socket.Poll(Math.Max(0, timeoutMilliseconds) * 1000, SelectMode.SelectRead)) return 0;
            int n = socket.Receive(buffer, offset, count, SocketFlags.None);
            if (n == 0) Drop();
            return n;
        }
        catch (SocketException)
        {
            Drop();
            return 0;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        _socket ??= Connect();
        try
        {
            _socket.Send(buffer, offset, count, SocketFlags.None);
        }
        catch (SocketException)
        {
            Drop(); // the request is lost with the connection; the link's retry comes back here
        }
    }

    private Socket Connect()
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeout = new CancellationTokenSource(ConnectTimeoutMilliseconds);
            socket.ConnectAsync(_address.Host, _address.Port, timeout.Token).AsTask().GetAwaiter().GetResult();
            return socket;
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            socket.Dispose();
            string why = e is OperationCanceledException ? $"no answer in {ConnectTimeoutMilliseconds / 1000} s" : e.Message.TrimEnd('.');
            throw new UserError($"cannot connect to {_address}: {why}; check that the board is on the network and serving (tinynet boards lists the boards found)");
        }
    }

    private void Drop()
    {
        _socket?.Dispose();
        _socket = null;
    }

    public void Dispose()
    {
        _disposed = true;
        Drop();
    }
}
