using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Host.Networking;

/// <summary>The virtual board's end of one accepted TCP client (the ESP32 has its own, over nanoFramework sockets).</summary>
public sealed class SocketConnection(Socket socket) : IConnection
{
    private volatile bool _open = true;

    public bool IsOpen => _open;

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (!_open || count == 0) return 0;
        try
        {
            if (!socket.Poll(Math.Max(0, timeoutMilliseconds) * 1000, SelectMode.SelectRead)) return 0;
            int n = socket.Receive(buffer, offset, count, SocketFlags.None);
            if (n == 0) Close(); // readable with nothing to read: the peer closed
            return n;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close();
            return 0;
        }
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        if (!_open) return;
        try
        {
            while (count > 0)
            {
                int n = socket.Send(buffer, offset, count, SocketFlags.None);
                offset += n;
                count -= n;
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            Close();
        }
    }

    public void Close()
    {
        _open = false;
        socket.Dispose();
    }
}
