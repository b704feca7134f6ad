using TinyNet.Board;
using TinyNet.Device;
using TinyNet.Host.Serial;

namespace TinyNet.Host.Board;

/// <summary>
/// The board without the hardware: the device's own session code (shared BoardSession) and model
/// store (device FlashModelStore, on a host folder) behind a pseudo-terminal, its replies paced at a
/// UART's line rate. Clients open <see cref="DevicePath"/> like a USB serial adapter. It refuses,
/// runs and reports as a board of its <see cref="BoardProfile"/> (default esp32): the same upload limit,
/// the same heap for a model (in RAM or streamed), the free memory such a board would have.
/// </summary>
public sealed class VirtualBoard : IDisposable
{
    public const string Firmware = "tinynet-virtual-1";

    private readonly PseudoTerminal _pty;
    private readonly Thread _thread;
    private volatile bool _stopping;

    public VirtualBoard(string storeFolder, int baud = 115200, BoardProfile? profile = null)
    {
        StoreFolder = storeFolder;
        Baud = baud;
        Profile = profile ?? BoardProfile.Default;
        _pty = new PseudoTerminal();
        Store = new FlashModelStore(storeFolder);
        var clock = new ProfileHeapClock(Profile);
        Session = new BoardSession(new LineRateChannel(_pty, baud), Store, clock, Firmware, Profile);
        clock.Session = Session;
        Session.Boot();
        _thread = new Thread(Serve) { IsBackground = true, Name = "virtual board" };
        _thread.Start();
    }

    /// <summary>The serial device to pass as --port, e.g. /dev/pts/3.</summary>
    public string DevicePath => _pty.DevicePath;

    public string StoreFolder { get; }

    /// <summary>The board this one behaves as.</summary>
    public BoardProfile Profile { get; }

    /// <summary>The largest model file it accepts: its profile's.</summary>
    public int MaxModelBytes => Profile.MaxModelBytes;

    public int Baud { get; }

    public FlashModelStore Store { get; }

    public BoardSession Session { get; }

    /// <summary>
    /// The folder the virtual board keeps its model in when none is given: persistent, like a real
    /// board's flash, so `tinynet flash` and a later `tinynet predict` see the same model.
    /// </summary>
    public static string DefaultStoreFolder()
    {
        string? data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
            data = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share");
        return Path.Combine(data, "tinynet", "virtual-board");
    }

    private void Serve()
    {
        while (!_stopping)
        {
            try
            {
                Session.RunOnce(50);
            }
            catch (ObjectDisposedException) when (_stopping)
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
        _pty.Dispose();
    }
}
