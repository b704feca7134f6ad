using System.IO.Ports;
using TinyNet.Link;

namespace TinyNet.Host.Serial;

/// <summary>The host's end of a serial line (a USB-UART adapter, or the virtual board's /dev/pts/N), 8N1.</summary>
public sealed class SerialPortChannel : IByteChannel, IDisposable
{
    private readonly SerialPort _port;

    public SerialPortChannel(string portName, int baud = 115200)
    {
        _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One)
        {
            Handshake = Handshake.None,
            ReadBufferSize = 64 * 1024,
            WriteBufferSize = 64 * 1024,
        };
        try
        {
            _port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            throw PortErrors.CannotOpen(portName, e);
        }
        _port.DiscardInBuffer();
    }

    /// <summary>The first bytes received (up to <see cref="FirstBytes"/>.Length), to show what a port that does not speak the protocol sent.</summary>
    public byte[] FirstBytes { get; } = new byte[64];

    /// <summary>How many bytes have been received in all.</summary>
    public long ReceivedCount { get; private set; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        _port.ReadTimeout = Math.Max(1, timeoutMilliseconds);
        try
        {
            int n = _port.Read(buffer, offset, count);
            for (int i = 0; i < n && ReceivedCount + i < FirstBytes.Length; i++) FirstBytes[ReceivedCount + i] = buffer[offset + i];
            ReceivedCount += n;
            return n;
        }
        catch (TimeoutException)
        {
            return 0;
        }
    }

    public void Write(byte[] buffer, int offset, int count) => _port.Write(buffer, offset, count);

    public void Dispose() => _port.Dispose();
}
