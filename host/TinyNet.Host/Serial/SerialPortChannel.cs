using System.IO.Ports;
using TinyNet.Link;

namespace TinyNet.Host.Serial;

/// <summary>
/// The host's end of a serial line (a USB-UART adapter, or the virtual board's /dev/pts/N), 8N1,
/// used by one tinynet command at a time (<see cref="PortLock"/>).
/// </summary>
public sealed class SerialPortChannel : IByteChannel, IDisposable
{
    /// <summary>How long a command waits for another one to finish with the port.</summary>
    public static readonly TimeSpan LockWait = TimeSpan.FromSeconds(30);

    private readonly SerialPort _port;
    private readonly PortLock _lock;

    public SerialPortChannel(string portName, int baud = 115200)
    {
        _lock = PortLock.Take(portName, LockWait);
        try
        {
            _port = new SerialPort(portName, baud, Parity.None, 8, StopBits.One)
            {
                Handshake = Handshake.None,
                ReadBufferSize = 64 * 1024,
                WriteBufferSize = 64 * 1024,
            };
            _port.Open();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException)
        {
            _lock.Dispose();
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

    public void Dispose()
    {
        _port.Dispose();
        _lock.Dispose();
    }
}
