using TinyNet.Activations;
using TinyNet.Host.Board;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Host.Serial;
using TinyNet.Host;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Tests.Mnist;
using Xunit;

namespace TinyNet.Tests.Cli;

/// <summary>
/// What a new user did wrong (issue 12): each case run as the real process must end with one line on
/// stderr saying what is wrong and what to do, exit 1 or 2, no stack trace, and nothing left behind.
/// </summary>
public class BadInputTests
{
    private static void AssertOneLineRefusal(CliProcess.Result result, string expected)
    {
        Assert.True(result.ExitCode is 1 or 2, $"exit {result.ExitCode}: {result.Error}");
        string line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("tinynet: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
        Assert.DoesNotContain("Exception", result.Error + result.Output);
    }

    private static string WriteModel(string path, int inputs = 784, int hidden = 32, int outputs = 10)
    {
        var rng = new Prng(5);
        var first = new ModelLayer(inputs, hidden, Activation.TanhCode, WeightType.Float32, true);
        for (int i = 0; i < first.Weights.Length; i++) first.Weights[i] = rng.NextSymmetric(0.1f);
        var second = new ModelLayer(hidden, outputs, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < second.Weights.Length; i++) second.Weights[i] = rng.NextSymmetric(0.5f);
        ModelFiles.Save(new Model("t", [first, second]), path);
        return path;
    }

    private static string WriteStandInMnist(string folder)
    {
        MnistSet train = SyntheticDigits.Create(3000, 1), test = SyntheticDigits.Create(500, 2);
        IdxFiles.WriteSet(folder, MnistData.TrainImages, MnistData.TrainLabels, train.Pixels, train.Labels);
        IdxFiles.WriteSet(folder, MnistData.TestImages, MnistData.TestLabels, test.Pixels, test.Labels);
        return folder;
    }

    // Every command that reads a model (or an ONNX file), given what is not one.
    [Theory]
    [InlineData("inspect", "FOLDER", "is a folder")]
    [InlineData("inspect", "/dev/zero", "is not a regular file")]
    [InlineData("inspect", "/dev/urandom", "is not a regular file")]
    [InlineData("inspect", "MISSING", "does not exist")]
    [InlineData("flash", "/dev/zero", "is not a regular file")]
    [InlineData("flash", "FOLDER", "is a folder")]
    [InlineData("eval", "/dev/urandom", "is not a regular file")]
    [InlineData("eval", "FOLDER", "is a folder")]
    [InlineData("quantize", "/dev/zero", "is not a regular file")]
    [InlineData("quantize", "FOLDER", "is a folder")]
    [InlineData("export", "/dev/zero", "is not a regular file")]
    [InlineData("import", "/dev/zero", "is not a regular file")]
    [InlineData("import", "FOLDER", "is a folder")]
    public void A_model_that_is_a_folder_a_device_or_missing_is_one_line(string command, string model, string expected)
    {
        using var dir = new TempFolder();
        model = model.Replace("FOLDER", dir.Path).Replace("MISSING", dir.File("none.tnn"));
        string output = dir.File(command == "export" ? "out.onnx" : "out.tnn");
        string[] args = command is "quantize" or "export" or "import" ? [command, model, "--out", output] : [command, model];
        var result = CliProcess.Run(args);
        AssertOneLineRefusal(result, expected);
        Assert.DoesNotContain("denied", result.Error);
        Assert.False(File.Exists(output), "nothing is written");
    }

    [Fact]
    public void Data_that_is_a_file_says_so()
    {
        using var dir = new TempFolder();
        string file = dir.Write("mnist", new byte[10]);
        var result = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--data", file);
        AssertOneLineRefusal(result, "is a file; give the folder");
        Assert.DoesNotContain("does not exist", result.Error);
    }

    [Fact]
    public void Board_store_on_a_file_is_refused()
    {
        using var dir = new TempFolder();
        string file = dir.Write("store", new byte[1]);
        AssertOneLineRefusal(CliProcess.Run("board", "--store", file), "is a file, not a folder");
    }

    [SmallDiskFact]
    public void Board_store_on_a_read_only_folder_is_refused()
    {
        using var disk = new SmallDisk(readOnly: true);
        AssertOneLineRefusal(CliProcess.Run("board", "--store", disk.Path), "read-only");
        AssertOneLineRefusal(CliProcess.Run("board", "--store", disk.File("sub")), "cannot create the board's model store");
    }

    [Fact]
    public void A_second_board_on_the_same_store_says_it_is_in_use()
    {
        using var dir = new TempFolder();
        using var first = new RunningCli(null, "board", "--store", dir.Path);
        Assert.True(first.WaitForOutput("Ctrl+C stops the board", TimeSpan.FromSeconds(60)), first.Output);
        Assert.Contains("no model yet; flash one with", first.Output);
        Assert.DoesNotContain("no model: \n", first.Output);

        AssertOneLineRefusal(CliProcess.Run("board", "--store", dir.Path), "is in use by another virtual board");

        first.Interrupt();
        Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
        // Released with the first board: the store can be used again.
        using var again = new RunningCli(null, "board", "--store", dir.Path);
        Assert.True(again.WaitForOutput("Ctrl+C stops the board", TimeSpan.FromSeconds(60)), again.Output);
    }

    [Fact]
    public void A_tcp_board_on_a_store_another_board_holds_says_it_is_in_use()
    {
        using var dir = new TempFolder();
        using var first = new RunningCli(null, "board", "--store", dir.Path);
        Assert.True(first.WaitForOutput("Ctrl+C stops the board", TimeSpan.FromSeconds(60)), first.Output);
        AssertOneLineRefusal(CliProcess.Run("board", "--tcp", "0", "--store", dir.Path), "is in use by another virtual board");
        first.Interrupt();
        Assert.Equal(0, first.WaitForExit(TimeSpan.FromSeconds(30)).ExitCode);
    }

    [Fact]
    public void A_board_command_without_a_home_says_what_to_set()
    {
        var unset = RunningCli.Run(new Dictionary<string, string?> { ["HOME"] = null, ["XDG_DATA_HOME"] = null }, "info");
        AssertOneLineRefusal(unset, "HOME is not set");
        var missing = RunningCli.Run(new Dictionary<string, string?> { ["HOME"] = "/nonexistent/home", ["XDG_DATA_HOME"] = null }, "info");
        AssertOneLineRefusal(missing, "does not exist");
        Assert.False(Directory.Exists(Path.Combine(AppContext.BaseDirectory, ".local")), "no store is made in the current folder");
    }

    [SmallDiskFact]
    public void A_board_command_with_a_read_only_home_says_so()
    {
        using var disk = new SmallDisk(readOnly: true);
        var result = RunningCli.Run(new Dictionary<string, string?> { ["HOME"] = disk.Path, ["XDG_DATA_HOME"] = null }, "info");
        AssertOneLineRefusal(result, "cannot create the board's model store");
    }

    [Fact]
    public void Bench_link_beyond_the_board_is_a_usage_error()
    {
        var result = CliProcess.Run("bench-link", "--kb", "70000");
        Assert.Equal(2, result.ExitCode);
        AssertOneLineRefusal(result, "--kb must be at most 786");
    }

    [Theory]
    [InlineData("/dev/ttyNOPE", "does not exist: is the board plugged in?")]
    [InlineData("COM3", "is a Windows port name")]
    [InlineData("/dev/null", "is not a serial port")]
    [InlineData("/tmp", "is a folder, not a serial port")]
    public void Port_failures_say_which_failure(string port, string expected)
    {
        var result = CliProcess.Run("info", "--port", port);
        AssertOneLineRefusal(result, expected);
        Assert.DoesNotContain("Access to the port", result.Error);
    }

    [Fact(Skip = "tests run as root, and root opens any port whatever its permissions: the 'no permission … dialout' message cannot be provoked here")]
    public void A_port_without_permission_names_the_dialout_group()
    {
    }

    [Fact(Skip = "tests run as root, and root reads any file whatever its permissions: an unreadable model cannot be provoked here")]
    public void An_unreadable_model_says_permission_denied()
    {
    }

    [Fact]
    public void A_port_that_answers_with_text_says_it_is_not_the_protocol()
    {
        using var pty = new PseudoTerminal();
        using var stop = new CancellationTokenSource();
        var console = new Thread(() =>
        {
            var buffer = new byte[256];
            byte[] text = "ets Jun  8 2016 00:22:57\r\nrst:0x1 (POWERON_RESET)\r\n"u8.ToArray();
            while (!stop.IsCancellationRequested)
                if (pty.Read(buffer, 0, buffer.Length, 50) > 0) pty.Write(text, 0, text.Length);
        }) { IsBackground = true };
        console.Start();
        var e = Assert.Throws<UserError>(() => BoardConnection.Open(pty.DevicePath, TextWriter.Null).Dispose());
        stop.Cancel();
        console.Join();
        Assert.Contains("not in the TinyNet protocol", e.Message);
        Assert.Contains("ets Jun", e.Message);
    }

    [Fact]
    public void Quantize_writes_a_model_that_is_not_mnist_shaped_and_skips_the_accuracy()
    {
        using var dir = new TempFolder();
        string model = WriteModel(dir.File("small.tnn"), inputs: 4, hidden: 3, outputs: 2);
        var result = CliProcess.Run("quantize", model, "-o", dir.File("small.q8.tnn"), "--data", WriteStandInMnist(dir.File("data")));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("accuracy not measured: ", result.Error);
        Assert.Contains("not measured", result.Output);
        Assert.True(File.Exists(dir.File("small.q8.tnn")));
    }

    [Fact]
    public void Quantize_with_a_wrong_data_folder_leaves_no_file()
    {
        using var dir = new TempFolder();
        string model = WriteModel(dir.File("m.tnn"));
        Directory.CreateDirectory(dir.File("empty"));
        var result = CliProcess.Run("quantize", model, "--out", dir.File("m.q8.tnn"), "--data", dir.File("empty"));
        AssertOneLineRefusal(result, "is missing");
        Assert.False(File.Exists(dir.File("m.q8.tnn")));
    }

    [SmallDiskFact]
    public void A_full_disk_is_one_line_and_leaves_no_file()
    {
        using var dir = new TempFolder();
        string model = WriteModel(dir.File("m.tnn"), hidden: 128);  // its int8 copy is about 100 KB
        using var disk = new SmallDisk(kilobytes: 64);
        var result = CliProcess.Run("quantize", model, "--out", disk.File("m.q8.tnn"), "--data", WriteStandInMnist(dir.File("data")));
        AssertOneLineRefusal(result, "the disk is full");
        Assert.Empty(Directory.GetFiles(disk.Path));
    }

    [SmallDiskFact]
    public void Train_checks_its_output_and_plot_folders_before_training()
    {
        using var dir = new TempFolder();
        string data = WriteStandInMnist(dir.File("data"));
        using var disk = new SmallDisk(readOnly: true);
        var output = CliProcess.Run("train", "mnist", "--out", disk.File("m.tnn"), "--data", data, "--limit", "300", "--epochs", "1");
        AssertOneLineRefusal(output, "read-only");
        Assert.DoesNotContain("training", output.Output);

        var plot = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--plot", disk.File("charts"), "--data", data, "--limit", "300", "--epochs", "1");
        AssertOneLineRefusal(plot, "--plot");
        Assert.DoesNotContain("training", plot.Output);
        Assert.False(File.Exists(dir.File("m.tnn")));
    }

    [Fact]
    public void Train_with_a_plot_folder_whose_parent_is_missing_stops_before_training()
    {
        using var dir = new TempFolder();
        var result = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--plot", dir.File("no/such/charts"), "--data", WriteStandInMnist(dir.File("data")));
        AssertOneLineRefusal(result, "does not exist");
        Assert.DoesNotContain("training", result.Output);
    }

    [Fact]
    public void Ctrl_c_during_training_says_nothing_was_written()
    {
        using var dir = new TempFolder();
        string data = WriteStandInMnist(dir.File("data"));
        using var train = new RunningCli(null, "train", "mnist", "--out", dir.File("m.tnn"), "--data", data, "--epochs", "1000", "--hidden", "16");
        Assert.True(train.WaitForOutput("1/1000  loss", TimeSpan.FromSeconds(120)), train.Output);
        train.Interrupt();
        var result = train.WaitForExit(TimeSpan.FromSeconds(30));
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("tinynet: interrupted; nothing written", Assert.Single(result.ErrorLines));
        Assert.Empty(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_diverging_learning_rate_is_reported_and_writes_nothing()
    {
        using var dir = new TempFolder();
        var train = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--lr", "100", "--epochs", "2", "--data", WriteStandInMnist(dir.File("data")));
        AssertOneLineRefusal(train, "training diverged");
        Assert.Contains("lower --lr", train.Error);
        Assert.False(File.Exists(dir.File("m.tnn")));

        var lesson = CliProcess.Run("lesson", "neuron", "--lr", "1e30");
        AssertOneLineRefusal(lesson, "the lesson diverged");
        Assert.Contains("smaller --lr", lesson.Error);

        // The same lesson on the (virtual) board stops there too.
        using var store = new TempFolder();
        var onBoard = RunningCli.Run(new Dictionary<string, string?> { ["XDG_DATA_HOME"] = store.Path }, "lesson", "neuron", "--lr", "1e30", "--on-board");
        Assert.Equal(1, onBoard.ExitCode);
        Assert.Contains("tinynet: the lesson diverged", onBoard.ErrorLines[^1]);
        Assert.DoesNotContain("   at ", onBoard.Error);
    }

    [Fact]
    public void Small_wording_a_user_noticed()
    {
        var bare = CliProcess.Run();
        Assert.Equal(2, bare.ExitCode);
        Assert.Contains("(see 'tinynet --help')", Assert.Single(bare.ErrorLines));

        using var dir = new TempFolder();
        string model = WriteModel(dir.File("m.tnn"));
        var quantize = CliProcess.Run("quantize", model, "-o", dir.File("m.q8.tnn"), "--data", WriteStandInMnist(dir.File("data")));
        Assert.True(quantize.ExitCode == 0, quantize.Error);
        var export = CliProcess.Run("export", model, "-o", dir.File("m.onnx"));
        Assert.True(export.ExitCode == 0, export.Error);
        var import = CliProcess.Run("import", dir.File("m.onnx"), "-o", dir.File("back.tnn"));
        Assert.True(import.ExitCode == 0, import.Error);
        Assert.Contains("2 dense layers", import.Output);

        var train = CliProcess.Run("train", "mnist", "-o", dir.File("t.tnn"), "--epochs", "1", "--limit", "300", "--hidden", "8", "--data", dir.File("data"));
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains(": 1 epoch, batch", train.Output);
    }
}
