using TinyNet.Board;
using TinyNet.Device;
using TinyNet.Host.Serial;

namespace TinyNet.Host.Board;

/// <summary>
/// The board without the hardware: the device's own session code (shared BoardSession) and model
/// store (device FlashModelStore, on a host folder) behind a pseudo-terminal, its replies paced at a
/// UART's line rate. Clients open <see cref="DevicePath"/> like a USB serial adapter.
/// </summary>
public sealed class VirtualBoard : IDisposable
{
    /// <summary>The largest model the virtual board accepts. The ESP32 app takes 96 KB; the host has room for more.</summary>
    public const int MaxModelBytes = 4 * 1024 * 1024;

    public const string Firmware = "tinynet-virtual-1";

    private readonly PseudoTerminal _pty;
    private readonly Thread _thread;
    private volatile bool _stopping;

    /// <summary>A virtual board on a new pseudo-terminal; <paramref name="profile"/> sizes its fine-tuning (default: esp32).</summary>
    public VirtualBoard(string storeFolder, int baud = 115200, BoardProfile? profile = null)
    {
        StoreFolder = storeFolder;
        Baud = baud;
        _pty = new PseudoTerminal();
        Store = new FlashModelStore(storeFolder);
        Session = new BoardSession(new LineRateChannel(_pty, baud), Store, new HostClock(), Firmware, MaxModelBytes, profile ?? BoardProfile.Default);
        Session.Boot();
        _thread = new Thread(Serve) { IsBackground = true, Name = "virtual board" };
        _thread.Start();
    }

    /// <summary>The serial device to pass as --port, e.g. /dev/pts/3.</summary>
    public string DevicePath => _pty.DevicePath;

    public string StoreFolder { get; }

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
