using TinyNet.Host.Board;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Tests.FineTuning;

namespace TinyNet.Tests.Board;

/// <summary>The virtual board's status line per prediction names the class, as the device app's does.</summary>
public sealed class PredictionLogTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-log").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Each_prediction_is_logged_with_the_class_name()
    {
        Model plain = FineTuningModels.Float(4, 8, 4, seed: 9);
        Model model = new(plain.Name, [plain.Layer(0), plain.Layer(1)], ["north", "east", "south", "west"]);
        byte[] file = ModelFile.Write(model);
        var lines = new List<string>();
        using var board = new VirtualBoard(Path.Combine(_dir, "store"), baud: 2_000_000);
        board.PredictionLines = line => { lock (lines) lines.Add(line); };
        using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null);
        link.Client.Upload(file, file.Length, null);

        Prediction first = link.Client.PredictValues([1f, 2f, 3f, 4f], 0, 4);
        Prediction second = link.Client.Predict([10, 200, 30, 0], 0, 4);
        string[] names = model.ClassNames!;
        var expected = new[] { $"prediction 1: {names[first.Class]} (class {first.Class})", $"prediction 2: {names[second.Class]} (class {second.Class})" };
        for (int wait = 0; wait < 100 && lines.Count < 2; wait++) Thread.Sleep(20); // the serving thread writes after it answered
        lock (lines) Assert.Equal(expected, lines);
    }
}
