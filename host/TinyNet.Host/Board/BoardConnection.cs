using TinyNet.Host.Networking;
using TinyNet.Host.Serial;
using TinyNet.Link;

namespace TinyNet.Host.Board;

/// <summary>
/// A link to a board: the serial port or tcp://HOST[:PORT] the user named, or — with no --port — a
/// virtual board started in this process behind a real pseudo-terminal, so the serial path is
/// exercised either way.
/// </summary>
public sealed class BoardConnection : IDisposable
{
    private readonly IByteChannel _channel;

    private BoardConnection(string port, VirtualBoard? board, int baud)
    {
        Port = port;
        Virtual = board;
        _channel = BoardAddress.IsTcp(port) ? new TcpChannel(BoardAddress.Parse(port)) : new SerialPortChannel(port, baud);
        Client = new LinkClient(_channel, new HostClock());
    }

    public LinkClient Client { get; }

    public string Port { get; }

    /// <summary>The in-process virtual board, when no port was given.</summary>
    public VirtualBoard? Virtual { get; }

    /// <summary>
    /// Connects and greets the board. <paramref name="status"/> gets one line saying which board is used.
    /// A board that does not answer is a <see cref="UserError"/> naming the port and what to check.
    /// </summary>
    /// <remarks>The in-process virtual board behaves as <paramref name="profile"/> (default esp32); a real board reports its own.</remarks>
    public static BoardConnection Open(string? port, TextWriter status, int baud = 115200, TinyNet.Board.BoardProfile? profile = null)
    {
        VirtualBoard? board = null;
        if (string.IsNullOrEmpty(port))
        {
            string folder = VirtualBoard.DefaultStoreFolder();
            board = new VirtualBoard(folder, baud, profile);
            status.WriteLine($"no --port given: using the virtual board ({board.Profile.Name}) on {board.DevicePath} (model kept in {folder})");
            port = board.DevicePath;
        }
        try
        {
            var connection = new BoardConnection(port, board, baud);
            IByteChannel channel = connection._channel;
            string name = port;
            connection.Info = Run(() =>
            {
                try
                {
                    return connection.Client.Hello();
                }
                catch (LinkException e) when (e.IsTimeout && channel is SerialPortChannel serial && serial.ReceivedCount > 0)
                {
                    // Bytes came back but never a frame: something else speaks on this port (a console, a boot log).
                    serial.Dispose();
                    throw PortErrors.NotTheProtocol(name, serial.FirstBytes, (int)Math.Min(serial.ReceivedCount, serial.FirstBytes.Length));
                }
            }, port);
            return connection;
        }
        catch
        {
            board?.Dispose();
            throw;
        }
    }

    /// <summary>What the board said when greeted.</summary>
    public BoardInfo Info { get; private set; } = new();

    /// <summary>Runs a link call, turning link failures into one-line user errors.</summary>
    public T Call<T>(Func<T> call) => Run(call, Port);

    private static T Run<T>(Func<T> call, string port)
    {
        try
        {
            return call();
        }
        catch (LinkException e) when (e.Code == ErrorCode.Busy)
        {
            throw new UserError($"the board on {port} is busy with another client; try again when that one is done");
        }
        catch (LinkException e) when (e.IsTimeout)
        {
            throw new UserError($"no answer from the board on {port}: {e.Message}; check the wiring and that the TinyNet app runs on it (device/README.md)");
        }
        catch (LinkException e)
        {
            // The link's own message often already says "the board refused …"; do not say it twice.
            throw new UserError(e.Message.StartsWith("the board refused", StringComparison.Ordinal) ? e.Message : $"the board refused: {e.Message}");
        }
    }

    public void Dispose()
    {
        ((IDisposable)_channel).Dispose();
        Virtual?.Dispose();
    }
}
