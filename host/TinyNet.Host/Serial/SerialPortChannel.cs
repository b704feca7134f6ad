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
            throw new UserError($"cannot open {portName}: {e.Message.TrimEnd('.')}; check the port name (ls /dev/ttyUSB* /dev/ttyACM*) or leave out --port to use the virtual board");
        }
        _port.DiscardInBuffer();
    }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        _port.ReadTimeout = Math.Max(1, timeoutMilliseconds);
        try
        {
            return _port.Read(buffer, offset, count);
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
