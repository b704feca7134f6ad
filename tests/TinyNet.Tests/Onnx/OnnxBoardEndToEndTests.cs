using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using TinyNet.Host.Mnist;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// A digit model trained outside TinyNet (PyTorch, by tools/onnx/make-fixtures.py) goes the whole way:
/// import → quantize → flash to the virtual board → predict --compare, where the board must give the
/// host's answers and scores exactly. On real MNIST (when tools/fetch-mnist.sh has run) its accuracy is
/// checked too; elsewhere the comparison runs on generated stand-in digits.
/// </summary>
public sealed class OnnxBoardEndToEndTests
{
    [Fact]
    public void Onnx_digit_model_imports_quantizes_flashes_and_matches_the_host_on_the_board()
    {
        using var dir = new TempFolder();
        string? real = RealMnistFolder();
        string data = real ?? WriteStandInTestSet(dir.File("data"));
        string model = dir.File("digits.tnn"), quantized = dir.File("digits.q8.tnn");

        var import = CliProcess.Run("import", OnnxFixtures.PathOf("mnist_784_64_10"), "--out", model);
        Assert.True(import.ExitCode == 0, import.Error);
        var quantize = CliProcess.Run("quantize", model, "--out", quantized, "--data", data);
        Assert.True(quantize.ExitCode == 0, quantize.Error);
        if (real != null)
        {
            // The script measured 97.09 % in PyTorch; the imported float model must score the same on
            // the same 10 000 test digits (folding the normalization changes no answer), int8 about as well.
            var eval = CliProcess.Run("eval", model, "--data", data);
            Assert.True(eval.ExitCode == 0, eval.Error);
            double accuracy = Percent(eval.Output, @"test accuracy (\d+\.\d+) %");
            var reference = OnnxFixtures.ReferenceOf("mnist_784_64_10");
            Assert.Equal(Math.Round(100 * reference.Root.GetProperty("test_accuracy").GetDouble(), 2), accuracy);
            Assert.True(accuracy >= 97.0, $"the fixture scores {accuracy} %");
            Assert.True(Percent(quantize.Output, @"int8 +digits\.q8\.tnn +\d+ +\d+ +(\d+\.\d+) %") >= 96.5, quantize.Output);
        }

        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.File("xdg") };
        var flash = CliProcess.RunWithEnvironment(env, "flash", quantized);
        Assert.True(flash.ExitCode == 0, flash.Error);
        var compare = CliProcess.RunWithEnvironment(env, "predict", "--compare", "100", "--data", data);
        Assert.True(compare.ExitCode == 0, compare.Error + compare.Output);
        Assert.Contains("board vs host on 100 test images: same class 100/100, identical scores 100/100", compare.Output);
    }

    private static string WriteStandInTestSet(string folder)
    {
        MnistSet test = SyntheticDigits.Create(100, 2);
        IdxFiles.WriteSet(folder, MnistData.TestImages, MnistData.TestLabels, test.Pixels, test.Labels);
        return folder;
    }

    private static string? RealMnistFolder([CallerFilePath] string source = "")
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        string folder = Path.Combine(root, MnistData.DefaultRelativeFolder);
        return File.Exists(Path.Combine(folder, MnistData.TestImages)) ? folder : null;
    }

    private static double Percent(string text, string pattern)
    {
        Match m = Regex.Match(text, pattern);
        Assert.True(m.Success, $"'{pattern}' not in:\n{text}");
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }
}
