using TinyNet.Host.Board;
using TinyNet.Host.Lessons;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Kernels;
using TinyNet.Lessons;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Board;

/// <summary>
/// The whole chain over a real pseudo-terminal pair: the virtual board (device session and store code)
/// on the master side, the host's System.IO.Ports serial channel on /dev/pts/N.
/// </summary>
public sealed class VirtualBoardEndToEndTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-board").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private (Model Model, byte[] File, MnistSet Test) TrainedInt8Model()
    {
        var recipe = new MnistRecipe { Hidden = 16, Epochs = 2, BatchSize = 8, LearningRate = 0.2f, Seed = 3 };
        MnistSet test = SyntheticDigits.Create(100, 2);
        var trainer = new MnistTrainer(recipe, SyntheticDigits.Create(1500, 1), test);
        trainer.Train();
        Model model = Quantizer.Quantize(ModelConvert.FromNetwork(trainer.Network, "mnist"));
        return (model, ModelFile.Write(model), test);
    }

    [Fact]
    public void Flash_info_100_predictions_and_a_streamed_lesson_match_the_host_exactly()
    {
        var (model, file, test) = TrainedInt8Model();
        using var board = new VirtualBoard(Path.Combine(_dir, "store"));
        Assert.StartsWith("/dev/pts/", board.DevicePath);
        using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null);
        Assert.False(link.Info.ModelPresent);

        UploadResult upload = link.Client.Upload(file, file.Length, null);
        Assert.Equal(file.Length, upload.TotalBytes);
        BoardInfo info = link.Client.Hello();
        Assert.True(info.ModelPresent);
        Assert.Equal(LinkClient.ModelCrcOf(file, file.Length), info.ModelCrc);
        Assert.Equal([784, 16, 10], info.Shape);

        var host = new Predictor(model, new ScalarKernels());
        for (int n = 0; n < 100; n++)
        {
            int offset = n * MnistSet.PixelsPerImage;
            Prediction p = link.Client.Predict(test.Pixels, offset, MnistSet.PixelsPerImage);
            Assert.Equal(host.Predict(test.Pixels, offset), p.Class);
            Assert.Equal(host.Scores, p.Scores);   // bit-identical: same bytes, same arithmetic
        }

        var onBoard = new StringWriter();
        BoardLessonRunner.Run(link, "neuron", 0, 0f, new LessonWriter(onBoard, LessonFormat.Csv, "neuron"));
        var onHost = new StringWriter();
        LessonRunner.Run(LessonCatalog.Create("neuron")!, 0, 0f, new LessonWriter(onHost, LessonFormat.Csv, "neuron"));
        Assert.Equal(onHost.ToString(), onBoard.ToString());
        Assert.Contains("\n19,", onBoard.ToString());   // Table 2 ends at iteration 19
    }

    [Fact]
    public void The_model_survives_a_restart_of_the_virtual_board()
    {
        var (_, file, _) = TrainedInt8Model();
        string store = Path.Combine(_dir, "store");
        using (var board = new VirtualBoard(store))
        using (var link = BoardConnection.Open(board.DevicePath, TextWriter.Null))
            link.Client.Upload(file, file.Length, null);
        using (var board = new VirtualBoard(store))
        {
            Assert.True(board.Session.HasModel, board.Session.ModelStatus);
            using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null);
            Assert.Equal(LinkClient.ModelCrcOf(file, file.Length), link.Info.ModelCrc);
        }
    }

    [Fact]
    public void Board_commands_refuse_a_port_that_does_not_exist_in_one_line()
    {
        foreach (var args in new[] { new[] { "info", "--port", "/dev/does-not-exist" }, ["lesson", "neuron", "--port", "/dev/does-not-exist"] })
        {
            var result = CliProcess.Run(args);
            Assert.Equal(1, result.ExitCode);
            Assert.Single(result.ErrorLines);
            Assert.Contains("/dev/does-not-exist does not exist: is the board plugged in?", result.Error);
        }
    }

    [Fact]
    public void Cli_flash_then_predict_compare_on_the_default_virtual_board()
    {
        var (trained, file, _) = TrainedInt8Model();
        string model = Path.Combine(_dir, "m.q8.tnn");
        ModelFiles.Save(trained, model);
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(_dir, "xdg") };
        var flash = CliProcess.RunWithEnvironment(env, "flash", model);
        Assert.True(flash.ExitCode == 0, flash.Error);
        Assert.Contains("matches the file", flash.Output);
        var info = CliProcess.RunWithEnvironment(env, "info");
        Assert.Contains($"CRC 0x{LinkClient.ModelCrcOf(file, file.Length):X8}", info.Output);

        // A digit as a 28×28 grayscale PNG (filter 0 rows), classified on the board.
        var (_, _, test) = TrainedInt8Model();
        var rows = new byte[29 * 28];
        for (int y = 0; y < 28; y++) Array.Copy(test.Pixels, y * 28, rows, y * 29 + 1, 28);
        string png = Path.Combine(_dir, "digit.png");
        File.WriteAllBytes(png, Images.PngWriter.Gray(28, 28, rows));
        string sent = Path.Combine(_dir, "sent.png");
        var predict = CliProcess.RunWithEnvironment(env, "predict", "--image", png, "--save-input", sent);
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Contains($"{png}: 28×28 PNG; dark background, not inverted; ink cropped to", predict.Output);
        Assert.Contains($"saved the 28×28 input in {sent}", predict.Output);
        Assert.Equal(784, Host.Images.ImageFile.Read(sent).Pixels.Length);
        Assert.Matches(@"board says \d in \d+ µs", predict.Output);

        var bad = CliProcess.RunWithEnvironment(env, "flash", Path.Combine(_dir, "missing.tnn"));
        Assert.Equal(1, bad.ExitCode);
        Assert.Single(bad.ErrorLines);
    }
}
