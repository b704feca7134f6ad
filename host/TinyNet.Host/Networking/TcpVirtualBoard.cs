using TinyNet.Board;
using TinyNet.Device;
using TinyNet.Host.Board;
using TinyNet.Networking;

namespace TinyNet.Host.Networking;

/// <summary>
/// The virtual board served over TCP on 127.0.0.1, the way the ESP32 serves it over WiFi: the
/// device's session and store code behind the shared <see cref="LinkServer"/> (one client at a time,
/// BUSY for a second, idle clients dropped), its store locked and its predictor warmed up as the pty board's. No line rate is simulated: WiFi is not a UART.
/// </summary>
public sealed class TcpVirtualBoard : IDisposable
{
    private const int PollMilliseconds = 20;

    private readonly SocketListener _listener;
    private readonly StoreLock _storeLock;
    private readonly BoardLoop _loop;

    // port: on 127.0.0.1; 0 picks a free one (see Port).
    public TcpVirtualBoard(string storeFolder, int port, int idleTimeoutMilliseconds = NetworkDefaults.IdleTimeoutMilliseconds, TinyNet.Board.BoardProfile? profile = null)
    {
        StoreFolder = storeFolder;
        Profile = profile ?? TinyNet.Board.BoardProfile.Default;
        var channel = new ConnectionChannel();
        _storeLock = StoreLock.Open(storeFolder);
        try
        {
            Store = VirtualBoard.OpenStore(storeFolder);
            Session = VirtualBoard.BootSession(channel, Store, Profile);
            _listener = new SocketListener(port);
        }
        catch
        {
            _storeLock.Dispose();
            throw;
        }
        Server = new LinkServer(Session, channel, _listener, new HostClock(), idleTimeoutMilliseconds);
        _loop = new BoardLoop(Session, () => Server.RunOnce(PollMilliseconds), "virtual board (tcp)");
    }

    /// <summary>The board this virtual board behaves as.</summary>
    public TinyNet.Board.BoardProfile Profile { get; }

    public int Port => _listener.Port;

    /// <summary>The --port value that reaches this board.</summary>
    public string Address => new BoardAddress("127.0.0.1", Port).ToString();

    public string StoreFolder { get; }

    public FlashModelStore Store { get; }

    public BoardSession Session { get; }

    /// <summary>
    /// Where to write a status line per prediction ("prediction 3: wave (class 2)"), as the device app does;
    /// null (the default) writes none. Set it before the first client.
    /// </summary>
    public Action<string>? PredictionLines
    {
        set => _loop.PredictionLines = value;
    }

    public LinkServer Server { get; }

    /// <summary>What this board answers discovery with.</summary>
    public BoardAnnouncer Announcer(string name) =>
        new(Session, Store, name, VirtualBoard.Firmware, "virtual", Port, "");

    public void Dispose()
    {
        _loop.Stop();
        _listener.Dispose();
        _storeLock.Dispose();
    }
}
