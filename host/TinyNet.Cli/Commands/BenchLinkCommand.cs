using System.CommandLine;
using System.Diagnostics;
using TinyNet.Activations;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet bench-link</c>: model upload throughput to the virtual board at a simulated baud rate.</summary>
public static class BenchLinkCommand
{
    public static readonly Option<int> Kilobytes = CliOptions.Integer("--kb", "size of the model to upload, in KB (1000 bytes)", 1, 100);
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = CreateProfile();
    public static readonly Option<int> Baud = CliOptions.Integer("--baud", "simulated line rate in baud (8N1: 10 bits per byte)", 300, 115200);
    public static readonly Option<string> Port = new("--port")
    {
        Description = "measure the upload to this board instead (e.g. tcp://127.0.0.1:5757 from `tinynet board --tcp`); it keeps the uploaded model",
    };

    public static Command Create()
    {
        var command = new Command("bench-link", "Measure model upload throughput over the virtual board (a real pty, line rate simulated) against the raw line rate.")
        {
            Kilobytes, Baud, Port, Profile,
        };
        command.SetAction(parse =>
        {
            int kilobytes = parse.GetValue(Kilobytes), baud = parse.GetValue(Baud);
            // Refuse before generating the file: no board profile stores more than its largest model.
            int most = TinyNet.Board.BoardProfile.All.Max(p => p.MaxModelBytes);
            if (kilobytes > most / 1000)
                throw new UserError($"--kb must be at most {most / 1000}: the largest board profile takes models up to {most} bytes, not {kilobytes} KB", 2);
            int bytes = kilobytes * 1000;
            byte[] file = ModelFile.Write(ModelOfSize(bytes));
            string? port = parse.GetValue(Port);
            if (!string.IsNullOrEmpty(port))
                return BenchBoard(port, file);
            string store = Directory.CreateTempSubdirectory("tinynet-bench-link").FullName;
            try
            {
                TinyNet.Board.BoardProfile profile = parse.GetValue(Profile)!;
                if (file.Length > profile.MaxModelBytes)
                    throw new UserError($"--kb {parse.GetValue(Kilobytes)} makes a {file.Length}-byte model but an {profile.Name} board takes at most {profile.MaxModelBytes}: give a smaller --kb or another --profile");
                using var board = new VirtualBoard(store, baud, profile);
                using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null, baud);
                var watch = Stopwatch.StartNew();
                link.Call(() => link.Client.Upload(file, file.Length, null));
                double seconds = watch.Elapsed.TotalSeconds;
                double raw = baud / 10.0;
                Console.WriteLine($"uploaded {file.Length} bytes at {baud} baud in {seconds:F2} s: {file.Length / seconds:F0} bytes/s, " +
                                  $"{100 * file.Length / seconds / raw:F1} % of the raw line rate ({raw:F0} bytes/s); " +
                                  $"{link.Client.Retries} retries, chunk {link.Client.ChunkSize} bytes");
            }
            finally
            {
                Directory.Delete(store, recursive: true);
            }
            return 0;
        });
        return command;
    }

    // Upload to a board the user named: over TCP there is no line rate to compare with, only bytes per second.
    private static int BenchBoard(string port, byte[] file)
    {
        using var link = BoardConnection.Open(port, TextWriter.Null);
        var watch = Stopwatch.StartNew();
        var result = link.Call(() => link.Client.Upload(file, file.Length, null));
        double seconds = watch.Elapsed.TotalSeconds;
        int sent = file.Length - result.ResumedFrom;
        Console.WriteLine($"uploaded {sent} bytes to {port} in {seconds:F3} s: {sent / seconds:F0} bytes/s; " +
                          $"{link.Client.Retries} retries, chunk {link.Client.ChunkSize} bytes, one chunk per round trip");
        return 0;
    }

    // Throughput wants a file larger than the esp32's limit, so this command's virtual board defaults to the esp32-s3.
    private static Option<TinyNet.Board.BoardProfile> CreateProfile()
    {
        var option = BoardOptions.Profile("the board the virtual board behaves as");
        option.Description = $"the board the virtual board behaves as: {TinyNet.Board.BoardProfile.Names()} (default {TinyNet.Board.BoardProfile.Esp32S3.Name}, which takes the default size)";
        option.DefaultValueFactory = _ => TinyNet.Board.BoardProfile.Esp32S3;
        return option;
    }

    // A float32 784 → n → 10 model whose file is about `bytes` long, with seeded weights.
    private static Model ModelOfSize(int bytes)
    {
        int hidden = Math.Max(1, (bytes - 100 + 4 * 795 - 1) / (4 * (784 + 1 + 10))); // rounded up: at least `bytes`
        var rng = new Prng(1);
        var first = new ModelLayer(784, hidden, Activation.TanhCode, WeightType.Float32, true);
        for (int i = 0; i < first.Weights.Length; i++) first.Weights[i] = rng.NextSymmetric(0.1f);
        var second = new ModelLayer(hidden, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < second.Weights.Length; i++) second.Weights[i] = rng.NextSymmetric(0.5f);
        return new Model("bench", [first, second]);
    }
}
