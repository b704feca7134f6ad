using System.CommandLine;
using TinyNet.Bench;
using TinyNet.Host.Board;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet bench-board</c>: the board times itself (BENCH) and the host runs the same benchmark code
/// (shared/Bench/DeviceBenchmark) on a model of the same shape and weight type, for comparison.
/// </summary>
public static class BenchBoardCommand
{
    public static readonly Option<string> Port = BoardOptions.Port();

    public static Command Create()
    {
        var command = new Command("bench-board",
            "Time the board's loaded model per digit and the neuron lesson per step on the board itself, beside the same work on this computer.")
        {
            Port,
        };
        command.SetAction(parse =>
        {
            using var board = BoardConnection.Open(parse.GetValue(Port), Console.Error);
            Console.Error.WriteLine("the board is timing itself (a few seconds on an ESP32)...");
            BenchFigures figures = board.Call(() => board.Client.Bench());
            bool isVirtual = board.Virtual != null || board.Info.FirmwareVersion == VirtualBoard.Firmware;
            Console.Write(Describe(board.Port, board.Info, figures, HostFigures(board.Info, figures), isVirtual));
            return 0;
        });
        return command;
    }

    /// <summary>The host's run of the benchmark: µs per digit for a generated model like the board's (0 when none), µs per lesson step.</summary>
    public static (float PerDigit, float PerStep) HostFigures(BoardInfo info, BenchFigures board)
    {
        var bench = new DeviceBenchmark(new HostClock());
        float perDigit = 0f;
        if (board.Digits > 0 && info.Shape.Length >= 2)
        {
            Model model = DeviceBenchmark.GenerateModel(info.Shape, GuessWeightType(info), 11);
            perDigit = bench.MicrosecondsPerDigit(new Predictor(model, new ScalarKernels()));
        }
        return (perDigit, bench.MicrosecondsPerLessonStep());
    }

    // INFO gives the shape and file size but not the weight type: the type whose file size for that
    // shape is nearest the board's model file is the one it holds (int8 files are about 4× smaller).
    private static int GuessWeightType(BoardInfo info)
    {
        long int8 = ModelFile.FileBytes(DeviceBenchmark.GenerateModel(info.Shape, WeightType.Int8, 1));
        long float32 = ModelFile.FileBytes(DeviceBenchmark.GenerateModel(info.Shape, WeightType.Float32, 1));
        return Math.Abs(info.ModelBytes - int8) <= Math.Abs(info.ModelBytes - float32) ? WeightType.Int8 : WeightType.Float32;
    }

    public static string Describe(string port, BoardInfo info, BenchFigures board, (float PerDigit, float PerStep) host, bool isVirtual)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"board on {port}: firmware {info.FirmwareVersion}");
        if (isVirtual)
            text.AppendLine("this is the virtual board: it runs on this computer, so its figures are the host's own, not an ESP32's (give --port for a real board)");
        string shape = info.Shape.Length > 0 ? string.Join('-', info.Shape) : "?";
        text.AppendLine(board.ModelName.Length > 0
            ? $"model: {board.ModelName} ({shape}), predictor {board.Predictor}"
            : "model: none loaded (flash one with: tinynet flash model.q8.tnn); only the lesson is timed");
        text.AppendLine($"{"",-30}{"board",14}{"host (same code, .NET)",26}");
        if (board.Digits > 0)
            text.AppendLine($"{$"per digit ({board.Digits} digits)",-30}{DeviceBenchmark.Figure(board.MicrosecondsPerDigit) + " us",14}{DeviceBenchmark.Figure(host.PerDigit) + " us",26}");
        else if (board.ModelName.Length > 0)
            text.AppendLine("per digit: not timed (the benchmark's digits are 784 pixels; the loaded model takes another input size)");
        text.AppendLine($"{$"neuron-lesson step ({board.LessonSteps} steps)",-30}{DeviceBenchmark.Figure(board.MicrosecondsPerLessonStep) + " us",14}{DeviceBenchmark.Figure(host.PerStep) + " us",26}");
        text.AppendLine($"board free memory: {board.FreeMemoryBefore} bytes before, {board.FreeMemoryAfter} bytes after");
        return text.ToString();
    }
}
