using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TinyNet.Host.Mnist;
using TinyNet.Tests.Cli;

namespace TinyNet.Tests.Mnist;

/// <summary>The train and eval commands as a user runs them: arguments, outputs, files and exit codes.</summary>
public class MnistCliTests
{
    [Theory]
    [InlineData("--hidden", "0", "--hidden must be a whole number of at least 1, not '0'")]
    [InlineData("--epochs", "-1", "--epochs must be a whole number of at least 1, not '-1'")]
    [InlineData("--batch", "x", "--batch must be a whole number of at least 1, not 'x'")]
    [InlineData("--lr", "0", "--lr must be a positive number such as 0.1, not '0'")]
    public void BadNumbersAreOneLineAndExitTwo(string option, string value, string message)
    {
        using var dir = new TempFolder();
        var result = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), option, value);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.StartsWith($"tinynet: {message}", result.ErrorLines[0]);
        Assert.False(File.Exists(dir.File("m.tnn")));
    }

    [Fact]
    public void MissingOutUnknownDatasetAndMissingFolderAreRefusedBeforeTraining()
    {
        var noOut = CliProcess.Run("train", "mnist");
        Assert.Equal(2, noOut.ExitCode);
        Assert.Contains("'--out' is required", Assert.Single(noOut.ErrorLines));

        var cifar = CliProcess.Run("train", "cifar", "--out", "m.tnn");
        Assert.Equal(2, cifar.ExitCode);
        Assert.Contains("'cifar' not recognized", Assert.Single(cifar.ErrorLines));

        using var dir = new TempFolder();
        string plotFile = dir.Write("plots", new byte[1]);
        var plot = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--plot", plotFile);
        Assert.Equal(2, plot.ExitCode);
        Assert.Equal($"tinynet: --plot {plotFile} is a file; give a folder for the charts", Assert.Single(plot.ErrorLines));

        string target = Path.Combine(dir.Path, "no-such-folder", "m.tnn");
        var folder = CliProcess.Run("train", "mnist", "--out", target);
        Assert.Equal(2, folder.ExitCode);
        Assert.Equal($"tinynet: cannot write {target}: the folder {Path.GetDirectoryName(target)} does not exist", Assert.Single(folder.ErrorLines));
    }

    [Fact]
    public void MissingDataSaysHowToGetIt()
    {
        using var dir = new TempFolder();
        string missing = dir.File("mnist");
        var result = CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--data", missing);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"tinynet: data folder {missing} does not exist; run tools/fetch-mnist.sh or pass --data DIR", Assert.Single(result.ErrorLines));

        var eval = CliProcess.Run("eval", dir.File("none.tnn"));
        Assert.Equal(1, eval.ExitCode);
        Assert.Equal($"tinynet: {dir.File("none.tnn")} does not exist", Assert.Single(eval.ErrorLines));
    }

    [Fact]
    public void EvalRefusesAFileThatIsNotAModel()
    {
        using var dir = new TempFolder();
        string path = dir.Write("fake.tnn", new byte[100]);
        var result = CliProcess.Run("eval", path);
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"tinynet: {path} is not a valid model file: ", Assert.Single(result.ErrorLines));
    }

    /// <summary>
    /// train → eval → quantize → eval → inspect on real MNIST when tools/fetch-mnist.sh has run (first 3000 samples), else on a
    /// generated stand-in written as IDX files, so the test never needs the network. The stand-in
    /// run always happens, so the pipeline is covered where MNIST was never fetched.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TrainThenEvalEndToEnd(bool realMnistIfFetched)
    {
        using var dir = new TempFolder();
        string data = (realMnistIfFetched ? RealMnistFolder() : null) ?? WriteStandIn(dir.File("data"));
        string model = dir.File("model.tnn"), plots = dir.File("plots");

        var train = CliProcess.Run("train", "mnist", "--out", model, "--data", data, "--limit", "3000",
            "--epochs", "2", "--hidden", "32", "--batch", "10", "--lr", "0.2", "--plot", plots);

        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Equal("", train.Error);
        Assert.Contains("on 3000 MNIST samples", train.Output);
        Assert.Matches(@"epoch 1/2  loss \d+\.\d{4}  test accuracy", train.Output);
        Assert.Matches(@"epoch 2/2  loss \d+\.\d{4}  test accuracy", train.Output);
        Assert.Contains($"wrote {model} (25450 parameters", train.Output);
        double trained = Percent(train.Output, @"accuracy (\d+\.\d+) %, training time");
        Assert.True(trained > 80, $"accuracy after training {trained} %");
        foreach (string chart in new[] { "loss.png", "accuracy.png", "confusion.png" })
        {
            byte[] png = File.ReadAllBytes(Path.Combine(plots, chart));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        }
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));

        var eval = CliProcess.Run("eval", model, "--data", data);
        Assert.True(eval.ExitCode == 0, eval.Error);
        Assert.Contains($"{model}: 784-32-10, float32 weights, 25450 parameters", eval.Output);
        // eval reads the written file and must find exactly what training measured.
        Assert.Equal(trained, Percent(eval.Output, @"test accuracy (\d+\.\d+) %"));
        Assert.Contains("confusion matrix (rows: actual digit, columns: predicted digit)", eval.Output);

        // quantize → int8 file a quarter the size, scoring about the same; eval and inspect read it.
        string quantized = dir.File("model.q8.tnn");
        var quantize = CliProcess.Run("quantize", model, "--out", quantized, "--data", data);
        Assert.True(quantize.ExitCode == 0, quantize.Error);
        Assert.Matches(@"float32 +model\.tnn +\d+ +\d+ +" + Regex.Escape(trained.ToString("F2", System.Globalization.CultureInfo.InvariantCulture)) + " %", quantize.Output);
        double quantizedAccuracy = Percent(quantize.Output, @"int8 +model\.q8\.tnn +\d+ +\d+ +(\d+\.\d+) %");
        Assert.InRange(quantizedAccuracy, trained - 2, trained + 2);
        Assert.InRange(new FileInfo(quantized).Length, new FileInfo(model).Length / 5, new FileInfo(model).Length / 3);

        var evalInt8 = CliProcess.Run("eval", quantized, "--data", data);
        Assert.True(evalInt8.ExitCode == 0, evalInt8.Error);
        Assert.Contains($"{quantized}: 784-32-10, int8 weights, 25450 parameters", evalInt8.Output);
        Assert.Equal(quantizedAccuracy, Percent(evalInt8.Output, @"test accuracy (\d+\.\d+) %"));

        var inspect = CliProcess.Run("inspect", quantized);
        Assert.True(inspect.ExitCode == 0, inspect.Error);
        Assert.Contains("2 layers", inspect.Output);
        Assert.Contains("parameters: 25450", inspect.Output);
        Assert.Empty(Directory.GetFiles(dir.Path, "*.tmp"));
    }

    [Fact]
    public void FindsDataMnistByWalkingUpFromTheCurrentFolder()
    {
        using var dir = new TempFolder();
        WriteStandIn(Path.Combine(dir.Path, "data", "mnist"));
        string deeper = Directory.CreateDirectory(Path.Combine(dir.Path, "a", "b")).FullName;

        var result = CliProcess.RunIn(deeper, "train", "mnist", "--out", "m.tnn", "--limit", "200", "--epochs", "1", "--hidden", "8", "--batch", "20");

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"from {Path.Combine(dir.Path, "data", "mnist")}:", result.Output);
        Assert.True(File.Exists(Path.Combine(deeper, "m.tnn")));
    }

    private static double Percent(string text, string pattern)
    {
        Match m = Regex.Match(text, pattern);
        Assert.True(m.Success, $"'{pattern}' not in:\n{text}");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string? RealMnistFolder([CallerFilePath] string source = "")
    {
        // tests/TinyNet.Tests/Mnist/<this file> → repository root → data/mnist
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        string folder = Path.Combine(root, MnistData.DefaultRelativeFolder);
        return File.Exists(Path.Combine(folder, MnistData.TrainImages)) ? folder : null;
    }

    private static string WriteStandIn(string folder)
    {
        MnistSet train = SyntheticDigits.Create(3000, 1), test = SyntheticDigits.Create(1000, 2);
        IdxFiles.WriteSet(folder, MnistData.TrainImages, MnistData.TrainLabels, train.Pixels, train.Labels);
        IdxFiles.WriteSet(folder, MnistData.TestImages, MnistData.TestLabels, test.Pixels, test.Labels);
        return folder;
    }
}
