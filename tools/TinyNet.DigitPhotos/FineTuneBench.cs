using System.Diagnostics;
using TinyNet.Board;
using TinyNet.FineTuning;
using TinyNet.Host.Board;
using TinyNet.Host.FineTuning;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;
using TinyNet.Models;

namespace TinyNet.DigitPhotos;

/// <summary>
/// The figures of docs/benchmarks.md for on-board fine-tuning: a model on the style set (written as
/// PNG folders and read back like `tinynet finetune DIR`) before and after fine-tuning on a virtual
/// board of the given profile, the board's own µs per training sample, and the RAM fine-tuning
/// needs on each profile.
/// </summary>
public static class FineTuneBench
{
    public static int Run(Model model, byte[] file, MnistSet test, int count, int seed, BoardProfile profile, int epochs, float learningRate)
    {
        string dir = Directory.CreateTempSubdirectory("tinynet-finetune-bench").FullName;
        try
        {
            MnistSet styled = HandwritingStyle.Restyle(test.Take(Math.Min(count, test.Count)), (uint)seed);
            string folder = Path.Combine(dir, "style");
            for (int n = 0; n < styled.Count; n++)
                DigitPng.Save(styled.Pixels[(n * 784)..((n + 1) * 784)],
                    Path.Combine(Directory.CreateDirectory(Path.Combine(folder, styled.Labels[n].ToString())).FullName, $"{n:D5}.png"));
            var (train, heldOut) = BoardFineTuning.Split(ImageFolder.Read(folder).Samples, 0.5, seed);

            Console.WriteLine($"RAM fine-tuning needs for this model ({model.Inputs}-{string.Join('-', Enumerable.Range(0, model.LayerCount).Select(i => model.Layer(i).Neurons))}, "
                + $"{(model.IsQuantized ? "int8" : "float32")}; the model itself takes {Predictor.RequiredRamBytes(model)} bytes):");
            foreach (BoardProfile p in BoardProfile.All)
                Console.WriteLine($"  {p.Name,-12} {OutputLayerTuner.RequiredBytes(model, p.TrainingSamples),8} bytes with {p.TrainingSamples,4} kept samples: "
                    + (OutputLayerTuner.Refusal(model, p.HeapBytes, p.TrainingSamples) ?? $"fits in {p.HeapBytes} bytes of heap"));

            const int baud = 2_000_000;
            using var board = new VirtualBoard(Path.Combine(dir, "store"), baud, profile);
            using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null, baud);
            link.Call(() => link.Client.Upload(file, file.Length, null));
            Console.WriteLine($"style set (seed {seed}): {train.Count} training and {heldOut.Count} held-out digits; profile {profile.Name}, {epochs} epochs, lr {learningRate}");
            double before = BoardFineTuning.Accuracy(link.Client, heldOut);
            var watch = Stopwatch.StartNew();
            var rows = link.Call(() => BoardFineTuning.Run(link.Client, train, new FineTuneSettings(epochs, learningRate, seed), row =>
                Console.WriteLine($"  epoch {row.Epoch}: loss {row.MeanLoss:F4}, accuracy {100 * row.Accuracy:F2} %"
                    + (row.BoardMicroseconds is long us ? $", {us / (double)row.Samples:F0} µs per sample on the board" : ", samples sent one by one"))));
            double seconds = watch.Elapsed.TotalSeconds;
            double after = BoardFineTuning.Accuracy(link.Client, heldOut);
            Console.WriteLine($"held-out accuracy {100 * before:F2} % -> {100 * after:F2} % ({train.Count} samples, {epochs} epochs, {seconds:F1} s with the link)");
            return 0;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
