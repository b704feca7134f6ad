using TinyNet.Board;
using TinyNet.Device;
using TinyNet.Host.Serial;
using TinyNet.Link;

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
    private readonly StoreLock _storeLock;
    private readonly BoardLoop _loop;

    public VirtualBoard(string storeFolder, int baud = 115200, BoardProfile? profile = null)
    {
        StoreFolder = storeFolder;
        Baud = baud;
        Profile = profile ?? BoardProfile.Default;
        _storeLock = StoreLock.Open(storeFolder);
        try
        {
            _pty = new PseudoTerminal();
            Store = OpenStore(storeFolder);
            Session = BootSession(new LineRateChannel(_pty, baud), Store, Profile);
        }
        catch
        {
            _pty?.Dispose();
            _storeLock.Dispose();
            throw;
        }
        _loop = new BoardLoop(Session, () => Session.RunOnce(50), "virtual board");
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
    /// Where to write a status line per prediction ("prediction 3: wave (class 2)"), as the device app does;
    /// null (the default) writes none. Set it before the first client.
    /// </summary>
    public Action<string>? PredictionLines
    {
        set => _loop.PredictionLines = value;
    }

    /// <summary>
    /// The folder the virtual board keeps its model in when none is given: persistent, like a real
    /// board's flash, so `tinynet flash` and a later `tinynet predict` see the same model.
    /// </summary>
    public static string DefaultStoreFolder()
    {
        string? data = Environment.GetEnvironmentVariable("XDG_DATA_HOME");
        if (string.IsNullOrEmpty(data))
        {
            // Without a home the store would land in the current folder: say so instead.
            string? home = Environment.GetEnvironmentVariable("HOME");
            if (string.IsNullOrEmpty(home))
                throw new UserError("HOME is not set, so the virtual board has no folder for its model; set HOME or XDG_DATA_HOME, or give 'tinynet board --store DIR'");
            if (!Directory.Exists(home))
                throw new UserError($"HOME is {home}, which does not exist, so the virtual board has no folder for its model; set HOME or XDG_DATA_HOME to a writable folder");
            data = Path.Combine(home, ".local", "share");
        }
        return Path.Combine(data, "tinynet", "virtual-board");
    }

    /// <summary>
    /// The device's flash store on <paramref name="storeFolder"/> (locked by the caller with
    /// <see cref="StoreLock"/>); a folder it cannot read or write is a one-line <see cref="UserError"/>.
    /// </summary>
    public static FlashModelStore OpenStore(string storeFolder)
    {
        try
        {
            return new FlashModelStore(storeFolder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"the virtual board cannot use its model store {storeFolder}: {Files.OutputFolder.Reason(e)}");
        }
    }

    /// <summary>
    /// The device's session for a virtual board of <paramref name="profile"/> on <paramref name="channel"/>,
    /// booted (stored model loaded): its free memory is the profile's heap less what the session holds,
    /// as the board would report it, and its predictor warmed up. Both virtual boards (pty and TCP) start this way.
    /// </summary>
    public static BoardSession BootSession(IByteChannel channel, FlashModelStore store, BoardProfile profile)
    {
        var clock = new ProfileHeapClock(profile);
        var session = new BoardSession(channel, store, clock, Firmware, profile);
        clock.Session = session;
        session.Boot();
        if (session.HasModel && !session.ModelStreamed) WarmUp(session.Model);
        return session;
    }

    // The first prediction in a process pays for compiling the predictor (3-18 ms against 60 µs after),
    // which the board would then report as its timing. A real board has no such first-call cost, so
    // run one throwaway prediction of the stored model before serving.
    private static void WarmUp(TinyNet.Models.Model model)
    {
        var predictor = new TinyNet.Models.Predictor(model, new TinyNet.Kernels.ScalarKernels());
        predictor.Predict(new byte[model.Inputs], 0);
    }

    public void Dispose()
    {
        _loop.Stop();
        _pty.Dispose();
        _storeLock.Dispose();
    }
}
