using System.Diagnostics;
using System.Text.RegularExpressions;
using TinyNet.Activations;
using TinyNet.Host.Mnist;
using TinyNet.Layers;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Link;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Networking;

/// <summary>
/// The user's path over the network, as processes on 127.0.0.1: `tinynet board --tcp`, found by
/// `tinynet boards`, then flash, info, predict and lesson over tcp://; a flash killed half-way; a
/// fleet of four boards (two serial, two TCP) flashed at once with one of them dying.
/// </summary>
public sealed class TcpEndToEndTests : IDisposable
{
    private const string LoopbackBroadcast = "127.255.255.255";

    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-tcp-e2e").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    // A float32 784 → hidden → 10 model: large enough that its upload takes a while.
    private static byte[] FloatModel(int hidden)
    {
        var first = new ModelLayer(784, hidden, Activation.TanhCode, WeightType.Float32, true);
        var second = new ModelLayer(hidden, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < first.Weights.Length; i++) first.Weights[i] = (i % 17 - 8) * 0.001f;
        return ModelFile.Write(new Model("big", [first, second]));
    }

    [Fact]
    public void Discovered_then_flash_info_predict_compare_100_and_a_lesson_over_tcp_match_the_host()
    {
        int discovery = BoardProcess.FreeUdpPort();
        using var board = new BoardProcess(Path.Combine(_dir, "store"), discovery, tcp: true);
        Assert.Matches(@"^tcp://127\.0\.0\.1:\d+$", board.Port);

        var boards = CliProcess.Run("boards", "--broadcast", LoopbackBroadcast, "--discovery-port", discovery.ToString());
        Assert.True(boards.ExitCode == 0, boards.Error);
        string line = Assert.Single(boards.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"--port {board.Port}  virtual-", line);
        Assert.EndsWith("no model", line);

        byte[] file = TestModels.MnistFile("tcp", 5);
        string model = Write("m.q8.tnn", file);
        var flash = CliProcess.Run("flash", model, "--port", board.Port);
        Assert.True(flash.ExitCode == 0, flash.Error);
        Assert.Contains("matches the file", flash.Output);
        string crc = $"CRC 0x{LinkClient.ModelCrcOf(file, file.Length):X8}";
        Assert.Contains(crc, CliProcess.Run("info", "--port", board.Port).Output);
        Assert.Contains($"model tcp {crc}", CliProcess.Run("boards", "--broadcast", LoopbackBroadcast, "--discovery-port", discovery.ToString()).Output);

        string data = Path.Combine(_dir, "data");
        MnistSet test = SyntheticDigits.Create(100, 2);
        IdxFiles.WriteSet(data, MnistData.TestImages, MnistData.TestLabels, test.Pixels, test.Labels);
        var compare = CliProcess.Run("predict", "--compare", "100", "--model", model, "--data", data, "--port", board.Port);
        Assert.True(compare.ExitCode == 0, compare.Error);
        Assert.Contains("same class 100/100, identical scores 100/100", compare.Output);

        var onBoard = CliProcess.Run("lesson", "neuron", "--port", board.Port);
        Assert.True(onBoard.ExitCode == 0, onBoard.Error);
        Assert.Equal(CliProcess.Run("lesson", "neuron").Output, onBoard.Output);
    }

    [Fact]
    public void Killing_tinynet_flash_half_way_leaves_the_board_serving_at_once_and_the_next_flash_resumes()
    {
        int discovery = BoardProcess.FreeUdpPort();
        string store = Path.Combine(_dir, "store");
        // An esp32-s3 board: it stores and runs float models this large (an esp32 would refuse them up front).
        using var board = new BoardProcess(store, discovery, tcp: true, "--profile", "esp32-s3");
        byte[] file = FloatModel(240); // about 760 KB, near the esp32-s3's limit: most of a second over loopback, so the kill lands mid-way
        string model = Write("big.tnn", file);

        var flash = CliProcess.Start("flash", model, "--port", board.Port);
        string part = Path.Combine(store, "upload.part");
        var watch = Stopwatch.StartNew();
        while (!(File.Exists(part) && new FileInfo(part).Length > file.Length / 10) && watch.Elapsed < TimeSpan.FromMinutes(2))
            Thread.Sleep(5);
        flash.Kill();
        flash.WaitForExit();
        long had = new FileInfo(part).Length;
        Assert.InRange(had, 1, file.Length - 1);

        var info = CliProcess.Run("info", "--port", board.Port);
        Assert.True(info.ExitCode == 0, info.Error);
        Assert.Contains("model: none", info.Output);
        var again = CliProcess.Run("flash", model, "--port", board.Port);
        Assert.True(again.ExitCode == 0, again.Error);
        Match resumed = Regex.Match(again.Output, @"resumed at byte (\d+)");
        Assert.True(resumed.Success, again.Output);
        Assert.True(long.Parse(resumed.Groups[1].Value) >= had - 2048, $"resumed at {resumed.Groups[1].Value}, the board held {had}");
    }

    [Fact]
    public void Flash_all_reaches_two_serial_and_two_tcp_boards_and_one_dying_mid_way_fails_alone()
    {
        int discovery = BoardProcess.FreeUdpPort();
        var stores = Enumerable.Range(0, 4).Select(i => Path.Combine(_dir, "store" + i)).ToArray();
        // esp32-s3 boards: a 100 KB float model fits their heap (an esp32 would refuse it at the commit).
        using var serial0 = new BoardProcess(stores[0], discovery, tcp: false, "--profile", "esp32-s3");
        using var serial1 = new BoardProcess(stores[1], discovery, tcp: false, "--profile", "esp32-s3");
        using var tcp2 = new BoardProcess(stores[2], discovery, tcp: true, "--profile", "esp32-s3");
        using var tcp3 = new BoardProcess(stores[3], discovery, tcp: true, "--profile", "esp32-s3");
        byte[] file = FloatModel(32); // about 100 KB: 9 s at 115200 baud
        string model = Write("fleet.tnn", file);

        var flash = CliProcess.Start("flash", model, "--all", "--broadcast", LoopbackBroadcast, "--discovery-port", discovery.ToString());
        string part = Path.Combine(stores[1], "upload.part");
        var watch = Stopwatch.StartNew();
        while (!(File.Exists(part) && new FileInfo(part).Length > 10_000) && watch.Elapsed < TimeSpan.FromMinutes(2))
            Thread.Sleep(10);
        serial1.Kill(); // the board dies mid-upload
        var result = CliProcess.Finish(flash);

        Assert.Equal(1, result.ExitCode);
        string crc = $"CRC 0x{LinkClient.ModelCrcOf(file, file.Length):X8} verified";
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var ok in new[] { serial0, tcp2, tcp3 })
            Assert.Contains(lines, l => l.StartsWith($"ok     {ok.Port}: {crc}", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"FAILED {serial1.Port}: ", StringComparison.Ordinal));
        Assert.Contains("1 of 4 boards failed", result.Output);
    }
}
