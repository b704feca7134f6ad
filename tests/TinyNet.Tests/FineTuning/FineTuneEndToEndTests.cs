using System.Runtime.CompilerServices;
using TinyNet.Host.Board;
using TinyNet.Host.FineTuning;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Kernels;
using TinyNet.Link;
using TinyNet.Models;
using Xunit.Abstractions;

namespace TinyNet.Tests.FineTuning;

/// <summary>
/// Teach the board a handwriting, end to end on the default (esp32) virtual board over a real
/// pseudo-terminal: flash a small MNIST model, fine-tune it on the generated style set read from PNG
/// folders, KEEP, restart the board on the same store, PULL the model back and compare it with the
/// board. Needs the real MNIST files (tools/test.sh fetches them with tools/fetch-mnist.sh).
/// </summary>
public sealed class FineTuneEndToEndTests(ITestOutputHelper output) : IDisposable
{
    // 2 Mbaud (the ESP32's UART and CP2102N-class bridges go to 3 Mbaud) keeps the ~2 000 exchanges to seconds.
    private const int Baud = 2_000_000;
    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-finetune").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Fine_tuning_on_the_board_raises_held_out_accuracy_survives_a_restart_and_pulls_back_bit_exact()
    {
        string data = RealMnistFolder()
            ?? throw new InvalidOperationException("this test needs real MNIST in data/mnist: run tools/fetch-mnist.sh (tools/test.sh does)");
        MnistSet test = MnistData.LoadTest(data);
        var recipe = new MnistRecipe { Hidden = 32, Epochs = 1, Seed = 2 };
        var trainer = new MnistTrainer(recipe, MnistData.LoadTrain(data).Take(20000), test.Take(500));
        trainer.Train();
        Model model = Quantizer.Quantize(ModelConvert.FromNetwork(trainer.Network, "mnist"));
        byte[] file = ModelFile.Write(model);

        // The style set as a user would have it: PNG folders 0-9, read through the image preparation.
        MnistSet styled = HandwritingStyle.Restyle(test.Take(400), seed: 1);
        string folder = Path.Combine(_dir, "style");
        for (int n = 0; n < styled.Count; n++)
        {
            string classFolder = Directory.CreateDirectory(Path.Combine(folder, styled.Labels[n].ToString())).FullName;
            DigitPng.Save(styled.Pixels[(n * 784)..((n + 1) * 784)], Path.Combine(classFolder, $"{n:D5}.png"));
        }
        var (train, heldOut) = BoardFineTuning.Split(ImageFolder.Read(folder).Samples, 0.5, seed: 1);
        Assert.Equal(400, train.Count + heldOut.Count);

        string store = Path.Combine(_dir, "store");
        double before, after;
        uint keptCrc;
        using (var board = new VirtualBoard(store, Baud))
        using (var link = BoardConnection.Open(board.DevicePath, TextWriter.Null, Baud))
        {
            link.Client.Upload(file, file.Length, null);
            before = BoardFineTuning.Accuracy(link.Client, heldOut);
            var rows = BoardFineTuning.Run(link.Client, train, new FineTuneSettings(Epochs: 4, LearningRate: 0.05f, Seed: 1), null);
            foreach (var row in rows) output.WriteLine($"epoch {row.Epoch}: loss {row.MeanLoss:F4}, accuracy {row.Accuracy:P2}");
            after = BoardFineTuning.Accuracy(link.Client, heldOut);
            output.WriteLine($"held-out accuracy {before:P2} -> {after:P2} ({train.Count} samples, 4 epochs)");
            Assert.True(rows[^1].MeanLoss < rows[0].MeanLoss, $"loss {rows[0].MeanLoss:F4} -> {rows[^1].MeanLoss:F4}");
            Assert.True(after >= before + Margin, $"held-out accuracy {before:P2} -> {after:P2}, wanted a rise of at least {Margin:P0}");

            link.Client.Keep();
            keptCrc = link.Client.Hello().ModelCrc;
            Assert.NotEqual(LinkClient.ModelCrcOf(file, file.Length), keptCrc);
        }

        // The board restarts on the same store: the adapted model is its model now.
        using (var board = new VirtualBoard(store, Baud))
        using (var link = BoardConnection.Open(board.DevicePath, TextWriter.Null, Baud))
        {
            Assert.True(board.Session.HasModel, board.Session.ModelStatus);
            Assert.Equal(keptCrc, link.Info.ModelCrc);
            double restarted = BoardFineTuning.Accuracy(link.Client, heldOut);
            output.WriteLine($"held-out accuracy after KEEP and a restart: {restarted:P2}");
            Assert.True(restarted >= before + Margin, $"after the restart {restarted:P2}, before fine-tuning {before:P2}");

            byte[] pulled = new ModelPull().Continue(link.Client);
            Assert.Equal(keptCrc, LinkClient.ModelCrcOf(pulled, pulled.Length));
            string mine = Path.Combine(_dir, "mine.tnn");
            ModelFiles.WriteAtomically(pulled, mine);
            var host = new Predictor(ModelFiles.Load(mine), new ScalarKernels());
            for (int n = 0; n < heldOut.Count; n++)
            {
                Prediction p = link.Client.Predict(heldOut.Pixels, n * 784, 784);
                Assert.Equal(host.Predict(heldOut.Pixels, n * 784), p.Class);
                Assert.Equal(host.Scores, p.Scores);   // bit for bit: the same file, the same arithmetic
            }
        }
    }

    // Measured with this model, style seed and split: held-out 74.87 % -> 86.43 % (+11.6 points; the same
    // after KEEP and a restart). The bound leaves room for a few digits' difference on another CPU.
    private const double Margin = 0.07;

    private static string? RealMnistFolder([CallerFilePath] string source = "")
    {
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        string folder = Path.Combine(root, MnistData.DefaultRelativeFolder);
        return File.Exists(Path.Combine(folder, MnistData.TestImages)) ? folder : null;
    }
}
