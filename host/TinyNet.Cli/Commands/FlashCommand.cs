using System.CommandLine;
using System.Diagnostics;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Host.Models;
using TinyNet.Host.Networking;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet flash model.tnn</c>: upload a model to the board, then check the board reports its CRC.</summary>
public static class FlashCommand
{
    public static readonly Argument<string> ModelPath = new("model") { Description = "the model file (.tnn) to put on the board (int8 for an ESP32)" };
    public static readonly Option<string[]> Ports = new("--port")
    {
        // Repeated, not several values after one --port: `flash --port P model.tnn` must keep meaning what it did.
        Description = "the board's serial port or tcp://HOST[:PORT]; repeat it (--port A --port B) to flash several boards at once; "
            + "without it a virtual board starts in this process",
    };
    public static readonly Option<bool> All = new("--all") { Description = "flash every board found (tinynet boards) in parallel, each verified on its own" };
    public static readonly Option<int> DiscoveryPort = NetworkOptions.DiscoveryPort();
    public static readonly Option<string> Broadcast = NetworkOptions.Broadcast();
    public static readonly Option<int> Wait = NetworkOptions.WaitMilliseconds();
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.VirtualProfile();

    public static Command Create()
    {
        var command = new Command("flash", "Upload a model to the board (resumes an interrupted upload), then verify the board's CRC; --all or several --port values flash a fleet.")
        {
            ModelPath, Ports, All, DiscoveryPort, Broadcast, Wait, Profile,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(ModelPath)!;
            Model model = ModelFiles.Load(path, out byte[] file);   // refuse a bad file here, before touching the board
            string[] ports = parse.GetValue(Ports) ?? [];
            if (parse.GetValue(All) || ports.Length > 1)
                return FlashFleet(path, file, FleetPorts(parse, ports));
            using var board = BoardConnection.Open(ports.Length == 1 ? ports[0] : null, Console.Error, profile: parse.GetValue(Profile));
            RefuseWhatDoesNotFit(path, model, file.Length, board.Info);

            var watch = Stopwatch.StartNew();
            UploadResult result = board.Call(() => board.Client.Upload(file, file.Length, new ProgressLine(Console.Error)));
            double seconds = watch.Elapsed.TotalSeconds;
            BoardInfo info = board.Call(() => board.Client.Hello());
            uint expected = LinkClient.ModelCrcOf(file, file.Length);
            if (!info.ModelPresent || info.ModelCrc != expected)
                throw new UserError($"after the upload the board reports {(info.ModelPresent ? $"CRC 0x{info.ModelCrc:X8}" : "no model")}, expected 0x{expected:X8}; flash again");

            int sent = file.Length - result.ResumedFrom;
            Console.WriteLine($"flashed {path} ({model.Name}, {file.Length} bytes{(result.ResumedFrom > 0 ? $", resumed at byte {result.ResumedFrom}" : "")}) to {board.Port} in {seconds:F2} s ({sent / seconds:F0} bytes/s)");
            Console.WriteLine($"board reports model {info.ModelName}, {string.Join('-', info.Shape)}, CRC 0x{info.ModelCrc:X8}: matches the file; it runs {InfoCommand.RunsAs(info)}");
            return 0;
        });
        return command;
    }

    // The ports named plus, with --all, every board discovery and the serial probe find; each once.
    private static List<string> FleetPorts(ParseResult parse, string[] named)
    {
        var ports = new List<string>(named);
        if (parse.GetValue(All))
        {
            var broadcast = NetworkOptions.BroadcastAddress(parse.GetValue(Broadcast));
            ports.AddRange(BoardFinder.Find(broadcast, parse.GetValue(DiscoveryPort), parse.GetValue(Wait)).Select(b => b.Port));
            ports.AddRange(SerialProbe.Find().Select(b => b.Port));
        }
        ports = ports.Distinct(StringComparer.Ordinal).ToList();
        if (ports.Count == 0)
            throw new UserError("--all found no boards: check that they are powered and on this network (tinynet boards), or name them with --port");
        return ports;
    }

    private static int FlashFleet(string path, byte[] file, List<string> ports)
    {
        Console.Error.WriteLine($"flashing {path} ({file.Length} bytes) to {ports.Count} boards in parallel");
        var results = FleetFlasher.Flash(file, ports);
        foreach (var result in results)
            Console.WriteLine($"{(result.Ok ? "ok    " : "FAILED")} {result.Port}: {result.Message}");
        int failed = results.Count(r => !r.Ok);
        Console.WriteLine(failed == 0 ? $"all {results.Count} boards verified" : $"{failed} of {results.Count} boards failed; flash those again (an upload resumes where it stopped)");
        return failed == 0 ? 0 : 1;
    }

    /// <summary>
    /// Refuses, before a byte is sent, a model the board cannot store (its INFO limit) or run (its
    /// profile's heap, even streamed), with the board's own wording and the numbers.
    /// </summary>
    public static void RefuseWhatDoesNotFit(string path, Model model, int fileBytes, BoardInfo info)
    {
        string name = info.ProfileName.Length > 0 ? info.ProfileName : "unknown profile";
        if (fileBytes > info.MaxModelBytes)
            throw new UserError($"{path}: {TinyNet.Board.ModelFit.FlashMessage(fileBytes, info.MaxModelBytes, name)}");
        TinyNet.Board.BoardProfile? profile = TinyNet.Board.BoardProfile.FromName(info.ProfileName);
        if (profile == null)
            return; // a board that predates profiles (or a newer one): only its upload limit is known
        var fit = TinyNet.Board.ModelFit.Of(model, fileBytes, profile);
        if (!fit.Runs)
            throw new UserError($"{path}: {fit.HeapMessage()}");
    }

    /// <summary>Upload progress on one terminal line (or a line per 10 % when redirected).</summary>
    private sealed class ProgressLine(TextWriter output) : IUploadProgress
    {
        private int _lastTenth = -1;

        public void Report(int acknowledged, int total)
        {
            int percent = total == 0 ? 100 : (int)(100L * acknowledged / total);
            if (Console.IsErrorRedirected)
            {
                if (percent / 10 == _lastTenth) return;
                _lastTenth = percent / 10;
                output.WriteLine($"uploading: {percent} % ({acknowledged} of {total} bytes)");
                return;
            }
            int filled = percent / 5;
            output.Write($"\ruploading [{new string('#', filled)}{new string('.', 20 - filled)}] {percent,3} % {acknowledged}/{total} bytes");
            if (acknowledged >= total) output.WriteLine();
        }
    }
}
