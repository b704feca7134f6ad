using System.Runtime.InteropServices;
using TinyNet.Link;

namespace TinyNet.Host.Serial;

/// <summary>
/// A Linux pseudo-terminal pair: the virtual board owns the master side (an <see cref="IByteChannel"/>),
/// and any serial program — <c>tinynet --port</c>, screen, minicom — opens <see cref="DevicePath"/>
/// (/dev/pts/N) as if it were a USB serial adapter.
/// </summary>
/// <remarks>
/// The line is put in raw mode (no echo, no line editing, no CR/LF translation) so bytes pass
/// unchanged. The side opened by clients is also kept open here, so the master never reads EIO
/// while no client is attached and a client can come and go like a cable being plugged in.
/// </remarks>
public sealed class PseudoTerminal : IByteChannel, IDisposable
{
    private const int O_RDWR = 0x2, O_NOCTTY = 0x100;
    private const short POLLIN = 0x1;
    private const int TCSANOW = 0;
    private const int EINTR = 4, EAGAIN = 11, EIO = 5;

    private readonly int _master;
    private readonly int _slave;
    private bool _disposed;

    public PseudoTerminal()
    {
        if (!OperatingSystem.IsLinux())
            throw new UserError("the virtual board needs Linux pseudo-terminals; on this system connect a real board and pass --port");
        _master = posix_openpt(O_RDWR | O_NOCTTY);
        if (_master < 0) throw Failure("posix_openpt");
        if (grantpt(_master) != 0 || unlockpt(_master) != 0) throw Failure("grantpt/unlockpt");
        var name = new byte[128];
        if (ptsname_r(_master, name, name.Length) != 0) throw Failure("ptsname_r");
        DevicePath = System.Text.Encoding.ASCII.GetString(name, 0, Array.IndexOf(name, (byte)0));
        _slave = open(DevicePath, O_RDWR | O_NOCTTY);
        if (_slave < 0) throw Failure("open " + DevicePath);
        var termios = new byte[256]; // larger than glibc's struct termios (60 bytes on x86-64 and arm64)
        if (tcgetattr(_slave, termios) != 0) throw Failure("tcgetattr");
        cfmakeraw(termios);
        if (tcsetattr(_slave, TCSANOW, termios) != 0) throw Failure("tcsetattr");
    }

    /// <summary>The device path clients open, e.g. /dev/pts/3.</summary>
    public string DevicePath { get; }

    public unsafe int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length);
        if (count == 0 || _disposed) return 0;
        var poll = new PollFd { fd = _master, events = POLLIN };
        int ready = poll_(&poll, 1, timeoutMilliseconds);
        if (ready <= 0) return 0;
        fixed (byte* p = &buffer[offset])
        {
            nint n = read(_master, p, count);
            if (n < 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is EINTR or EAGAIN or EIO) return 0;
                throw Failure("read");
            }
            return (int)n;
        }
    }

    public unsafe void Write(byte[] buffer, int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(offset + count, buffer.Length);
        fixed (byte* start = buffer)
        {
            while (count > 0 && !_disposed)
            {
                nint n = write(_master, start + offset, count);
                if (n < 0)
                {
                    int errno = Marshal.GetLastPInvokeError();
                    if (errno is EINTR or EAGAIN) { Thread.Sleep(1); continue; }
                    throw Failure("write");
                }
                offset += (int)n;
                count -= (int)n;
            }
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        close(_slave);
        close(_master);
    }

    private static IOException Failure(string call) =>
        new($"pseudo-terminal: {call} failed (errno {Marshal.GetLastPInvokeError()})");

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int fd;
        public short events;
        public short revents;
    }

    [DllImport("libc", SetLastError = true)] private static extern int posix_openpt(int flags);
    [DllImport("libc", SetLastError = true)] private static extern int grantpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int unlockpt(int fd);
    [DllImport("libc", SetLastError = true)] private static extern int ptsname_r(int fd, byte[] buffer, nint length);
    [DllImport("libc", SetLastError = true)] private static extern int open([MarshalAs(UnmanagedType.LPStr)] string path, int flags);
    [DllImport("libc", SetLastError = true)] private static extern int close(int fd);
    [DllImport("libc", SetLastError = true)] private static extern unsafe nint read(int fd, byte* buffer, nint count);
    [DllImport("libc", SetLastError = true)] private static extern unsafe nint write(int fd, byte* buffer, nint count);
    [DllImport("libc", EntryPoint = "poll", SetLastError = true)] private static extern unsafe int poll_(PollFd* fds, nuint count, int timeout);
    [DllImport("libc", SetLastError = true)] private static extern int tcgetattr(int fd, byte[] termios);
    [DllImport("libc", SetLastError = true)] private static extern int tcsetattr(int fd, int when, byte[] termios);
    [DllImport("libc")] private static extern void cfmakeraw(byte[] termios);
}
