using System.Net.Sockets;
using TinyNet.Link;

namespace TinyNet.Tests.Networking;

/// <summary>Thrown by <see cref="CutSocketChannel"/> when the cut happens, to unwind the client.</summary>
public sealed class CutException : Exception;

/// <summary>
/// A client's TCP end that dies at a chosen byte: the write that reaches <c>cutAt</c> sends only the
/// bytes before it (half a frame, usually), then the socket is closed abruptly — with a reset, or a
/// plain close — the way a killed client process or a dropped WiFi link leaves the board.
/// </summary>
public sealed class CutSocketChannel : IByteChannel, IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly long _cutAt;
    private readonly bool _reset;
    private long _written;

    public CutSocketChannel(int port, long cutAt, bool reset)
    {
        _cutAt = cutAt;
        _reset = reset;
        _socket.Connect("127.0.0.1", port);
    }

    public bool WasCut { get; private set; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (!_socket.Poll(timeoutMilliseconds * 1000, SelectMode.SelectRead)) return 0;
        return _socket.Receive(buffer, offset, count, SocketFlags.None);
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (_written + count < _cutAt)
        {
            _socket.Send(buffer, offset, count, SocketFlags.None);
            _written += count;
            return;
        }
        int before = (int)(_cutAt - _written);
        if (before > 0) _socket.Send(buffer, offset, before, SocketFlags.None);
        WasCut = true;
        if (_reset) _socket.LingerState = new LingerOption(true, 0); // close with RST, like a crash
        _socket.Close();
        throw new CutException();
    }

    public void Dispose() => _socket.Dispose();
}
