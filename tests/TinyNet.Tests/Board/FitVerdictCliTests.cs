using TinyNet.Board;
using TinyNet.Host.Mnist;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Board;

/// <summary>inspect, quantize, flash and predict as a user meets them: fit verdicts with the numbers, the default recipe streamed on the esp32.</summary>
public sealed class FitVerdictCliTests
{
    [Fact]
    public void Inspect_prints_the_fit_verdict_and_the_numbers_for_the_chosen_profile()
    {
        using var dir = new TempFolder();
        Model model = TestModels.Int8(128);
        string path = dir.File("m.q8.tnn");
        File.WriteAllBytes(path, ModelFile.Write(model));
        long bytes = new FileInfo(path).Length;

        var esp32 = CliProcess.Run("inspect", path);
        Assert.True(esp32.ExitCode == 0, esp32.Error);
        var fit = ModelFit.Of(model, bytes, BoardProfile.Esp32);
        Assert.Contains($"board fits esp32, runs streamed: flash: {bytes} of {BoardProfile.Esp32.MaxModelBytes} bytes (fits); " +
            $"heap: {fit.InRamBytes} bytes in RAM, {fit.StreamedBytes} streamed, of {fit.AvailableBytes} available (streamed)", esp32.Output);

        var s3 = CliProcess.Run("inspect", path, "--profile", "esp32-s3");
        Assert.Contains("board fits esp32-s3, runs in RAM", s3.Output);

        var unknown = CliProcess.Run("inspect", path, "--profile", "esp8266");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("--profile must be one of esp32, esp32-psram, esp32-s3, not 'esp8266'", unknown.Error);
    }

    [Fact]
    public void Quantize_prints_the_verdict_for_the_float_file_and_the_int8_file()
    {
        using var dir = new TempFolder();
        string floatPath = dir.File("m.tnn"), intPath = dir.File("m.q8.tnn");
        File.WriteAllBytes(floatPath, ModelFile.Write(TestModels.Float(128)));
        Directory.CreateDirectory(dir.File("nodata"));
        var quantize = CliProcess.RunIn(dir.File("nodata"), "quantize", floatPath, "--out", intPath);
        Assert.True(quantize.ExitCode == 0, quantize.Error);
        Assert.Contains($"float32 board does not fit esp32: flash: {new FileInfo(floatPath).Length} of {BoardProfile.Esp32.MaxModelBytes} bytes (too large: quantize it", quantize.Output);
        Assert.Contains($"int8 board fits esp32, runs streamed: flash: {new FileInfo(intPath).Length} of {BoardProfile.Esp32.MaxModelBytes} bytes (fits)", quantize.Output);
    }

    [Fact]
    public void Flash_refuses_the_float_model_before_sending_a_byte_with_the_numbers()
    {
        using var dir = new TempFolder();
        string floatPath = dir.File("m.tnn");
        File.WriteAllBytes(floatPath, ModelFile.Write(TestModels.Float(128)));
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.File("xdg") };
        var flash = CliProcess.RunWithEnvironment(env, "flash", floatPath);
        Assert.Equal(1, flash.ExitCode);
        Assert.DoesNotContain("uploading", flash.Error);
        Assert.Contains(ModelFit.FlashMessage(new FileInfo(floatPath).Length, BoardProfile.Esp32.MaxModelBytes, "esp32"), flash.Error);
    }

    /// <summary>
    /// The README's recipe shape (784-128-10, fewer samples and one epoch to keep CI short) → quantize →
    /// flash to the default esp32 virtual board → predict --compare 1000: identical to the host, streamed.
    /// </summary>
    [Fact]
    public void Default_recipe_shape_quantized_flashed_to_the_esp32_and_compared_on_1000_digits_runs_streamed_and_identical()
    {
        using var dir = new TempFolder();
        string data = TestModels.RealMnistFolder() ?? WriteStandIn(dir.File("data"));
        string model = dir.File("model.tnn"), quantized = dir.File("model.q8.tnn");
        var train = CliProcess.Run("train", "mnist", "--out", model, "--data", data, "--limit", "3000", "--epochs", "1");
        Assert.True(train.ExitCode == 0, train.Error);
        Assert.Contains("training 784-128-10", train.Output);
        Assert.Contains("int8 (tinynet quantize) board fits esp32, runs streamed", train.Output);
        var quantize = CliProcess.Run("quantize", model, "--out", quantized, "--data", data);
        Assert.True(quantize.ExitCode == 0, quantize.Error);

        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = dir.File("xdg") };
        var flash = CliProcess.RunWithEnvironment(env, "flash", quantized);
        Assert.True(flash.ExitCode == 0, flash.Error);
        Assert.Contains("it runs streamed", flash.Output);
        var predict = CliProcess.RunWithEnvironment(env, "predict", "--compare", "1000", "--model", quantized, "--data", data);
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Contains("same class 1000/1000, identical scores 1000/1000", predict.Output);
        Assert.Contains("model streamed (", predict.Output);
    }

    private static string WriteStandIn(string folder)
    {
        MnistSet train = SyntheticDigits.Create(3000, 1), test = SyntheticDigits.Create(1000, 2);
        IdxFiles.WriteSet(folder, MnistData.TrainImages, MnistData.TrainLabels, train.Pixels, train.Labels);
        IdxFiles.WriteSet(folder, MnistData.TestImages, MnistData.TestLabels, test.Pixels, test.Labels);
        return folder;
    }
}
