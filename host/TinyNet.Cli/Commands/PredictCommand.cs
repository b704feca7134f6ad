using System.CommandLine;
using TinyNet.Host.Board;
using TinyNet.Host.Datasets;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Host;
using TinyNet.Kernels;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet predict</c>: send a digit (an image's pixels) or one vector of feature values (--values, --csv-row) to
/// the board and print its answer, by class name when the model has names, and timing; or compare it with the host.
/// </summary>
public static class PredictCommand
{
    public static readonly Option<string> Port = BoardOptions.Port();
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.VirtualProfile();
    // No default shown in --help: the option counts only when given (see the validator below).
    public static readonly Option<int> MnistIndex = CliOptions.Integer("--mnist-index", "send this image of the MNIST test set (0-9999)", 0, 0);
    public static readonly Option<string> Image = new("--image")
    {
        Description = "send a picture of one digit (PNG, JPEG, BMP, GIF, TIFF or WebP, any size and colours, dark on light or light on dark); "
            + "it is prepared like MNIST: inverted if the background is light, cropped to the ink, scaled into 20×20, centred in 28×28",
    };
    public static readonly Option<string> Values = new("--values")
    {
        Description = "send one vector of feature values, separated by commas (\"0.12,-3.5,41\"), as the model takes them (PREDICT_VALUES, at most "
            + LinkProtocol.MaxValues + ")",
    };
    public static readonly Option<string> CsvRow = new("--csv-row")
    {
        Description = "send one row of a CSV file's feature columns, pasted as it is (quotes allowed); like --values",
    };
    public static readonly Option<string> SaveInput = new("--save-input") { Description = "also write the 28×28 input sent to the board as a grayscale PNG (with --image or --mnist-index)" };
    public static readonly Option<int> Compare = CliOptions.Integer("--compare", "run this many MNIST test images on the board and on the host and compare the answers", 1, 0);
    public static readonly Option<string> ModelPath = new("--model") { Description = "for --compare: the model file that is on the board (default: the virtual board's own)" };
    public static readonly Option<string> Data = new("--data") { Description = "folder with the MNIST IDX files (default: data/mnist, searched upwards)" };

    public static Command Create()
    {
        var command = new Command("predict", "Classify a digit on the board (--mnist-index N or --image FILE.png) or one vector of feature values (--values or --csv-row), "
            + "or check the board against host inference (--compare N).")
        {
            Port, Profile, MnistIndex, Image, Values, CsvRow, Compare, ModelPath, Data, SaveInput,
        };
        command.Validators.Add(result =>
        {
            int given = (result.GetResult(MnistIndex) is { Implicit: false } ? 1 : 0) + (result.GetResult(Image) != null ? 1 : 0) + (result.GetResult(Compare) is { Implicit: false } ? 1 : 0)
                + (result.GetResult(Values) != null ? 1 : 0) + (result.GetResult(CsvRow) != null ? 1 : 0);
            if (given != 1) result.AddError("give exactly one of --mnist-index N, --image FILE.png, --values \"V1,V2,...\", --csv-row \"...\" or --compare N");
            else if (result.GetResult(SaveInput) != null && result.GetResult(Image) == null && result.GetResult(MnistIndex) is not { Implicit: false })
            {
                string other = result.GetResult(Compare) is { Implicit: false } ? "--compare" : result.GetResult(Values) != null ? "--values" : "--csv-row";
                result.AddError($"--save-input goes with --image or --mnist-index, not {other}");
            }
        });
        command.SetAction(parse =>
        {
            if (parse.GetValue(Values) is string valuesText) return PredictValues(parse, FeatureRow.Parse(valuesText, "--values"), "--values");
            if (parse.GetValue(CsvRow) is string rowText) return PredictValues(parse, FeatureRow.Parse(rowText, "--csv-row"), "--csv-row");
            int compare = parse.GetValue(Compare);
            string? image = parse.GetValue(Image);
            byte[] pixels;
            int? label = null;
            MnistSet? test = null;
            if (image != null)
            {
                PreparedDigit digit = DigitPreparation.Prepare(ImageFile.Read(image), image);
                Console.WriteLine($"{image}: {digit.Describe()}");
                pixels = digit.Pixels;
            }
            else
            {
                test = MnistData.LoadTest(MnistData.FindFolder(parse.GetValue(Data)));
                int index = compare > 0 ? 0 : parse.GetValue(MnistIndex);
                if (index >= test.Count) throw new UserError($"--mnist-index {index} is past the test set's {test.Count} images");
                pixels = test.Pixels.AsSpan(index * MnistSet.PixelsPerImage, MnistSet.PixelsPerImage).ToArray();
                label = test.Labels[index];
            }
            if (parse.GetValue(SaveInput) is string saveTo)
            {
                DigitPng.Save(pixels, saveTo);
                Console.WriteLine($"saved the 28×28 input in {saveTo}");
            }

            using var board = BoardConnection.Open(parse.GetValue(Port), Console.Error, profile: parse.GetValue(Profile));
            if (!board.Info.ModelPresent)
                throw new UserError($"the board has no model{(board.Info.ModelStatus.Length > 0 ? $" ({board.Info.ModelStatus})" : "")}; flash one first: tinynet flash model.q8.tnn");
            if (compare > 0) return CompareWithHost(board, test!, compare, parse.GetValue(ModelPath));

            Prediction p = board.Call(() => board.Client.Predict(pixels, 0, pixels.Length));
            Print(p, label, board);
            return 0;
        });
        return command;
    }

    // One vector of float features, checked against the board's model before it is sent.
    private static int PredictValues(ParseResult parse, float[] values, string option)
    {
        using var board = BoardConnection.Open(parse.GetValue(Port), Console.Error, profile: parse.GetValue(Profile));
        if (!board.Info.ModelPresent)
            throw new UserError($"the board has no model{(board.Info.ModelStatus.Length > 0 ? $" ({board.Info.ModelStatus})" : "")}; flash one first: tinynet flash model.tnn");
        int inputs = board.Info.Shape.Length > 0 ? board.Info.Shape[0] : 0;
        if (inputs > LinkProtocol.MaxValues)
            throw new UserError($"the board's model takes {inputs} inputs, more than the {LinkProtocol.MaxValues} values one {option} request carries; send an image with --image or --mnist-index", 2);
        if (values.Length != inputs)
            throw new UserError($"{option} gives {values.Length} value{(values.Length == 1 ? "" : "s")} but the board's model '{board.Info.ModelName}' takes {inputs}", 2);
        Prediction p = board.Call(() => board.Client.PredictValues(values, 0, values.Length));
        Print(p, null, board);
        return 0;
    }

    // "board says wave (class 2) in 41 µs, ..." when the model names its classes, "board says 7 (label 7) ..." otherwise.
    private static void Print(Prediction p, int? label, BoardConnection board)
    {
        Console.WriteLine($"board says {ClassText(p)}{(label is int l ? $" (label {l})" : "")} in {p.Microseconds} µs, model {InfoCommand.RunsAs(board.Info)}");
        Console.WriteLine("scores: " + string.Join("  ", p.Scores.Select((s, i) => $"{i}:{s:F4}")));
    }

    /// <summary>The predicted class as printed: "wave (class 2)" when the board named it, else its number.</summary>
    public static string ClassText(Prediction p) => p.ClassName != null ? $"{p.ClassName} (class {p.Class})" : p.Class.ToString();

    // The host runs the same model file with the board's arithmetic (the scalar kernels), so every
    // answer and every score must be identical, not merely close.
    private static int CompareWithHost(BoardConnection board, MnistSet test, int count, string? modelPath)
    {
        modelPath ??= board.Virtual != null ? Path.Combine(board.Virtual.StoreFolder, "model.tnn")
            : throw new UserError("--compare needs the model file that is on the board: pass --model model.q8.tnn");
        Model model = ModelFiles.Load(modelPath, out byte[] file);
        if (LinkClient.ModelCrcOf(file, file.Length) != board.Info.ModelCrc)
            throw new UserError($"{modelPath} is not the model on the board (CRC 0x{LinkClient.ModelCrcOf(file, file.Length):X8}, board 0x{board.Info.ModelCrc:X8}); flash it first or pass the right --model");
        if (count > test.Count)
        {
            Console.Error.WriteLine($"tinynet: --compare {count} is more than the {test.Count} MNIST test images; comparing all {test.Count}");
            count = test.Count;
        }
        var host = new Predictor(model, new ScalarKernels());
        int sameClass = 0, sameScores = 0, boardCorrect = 0;
        long micros = 0;
        for (int n = 0; n < count; n++)
        {
            int offset = n * MnistSet.PixelsPerImage;
            Prediction p = board.Call(() => board.Client.Predict(test.Pixels, offset, MnistSet.PixelsPerImage));
            int expected = host.Predict(test.Pixels, offset);
            if (p.Class == expected && p.ClassName == (model.HasClassNames ? model.ClassName(expected) : null)) sameClass++;
            if (p.Scores.AsSpan().SequenceEqual(host.Scores)) sameScores++;
            if (p.Class == test.Labels[n]) boardCorrect++;
            micros += p.Microseconds;
            ReportProgress(n + 1, count);
        }
        Console.WriteLine($"board vs host on {count} test images: same class {sameClass}/{count}, identical scores {sameScores}/{count}");
        Console.WriteLine($"board accuracy {100.0 * boardCorrect / count:F2} %, {micros / (double)count:F0} µs per prediction on the board, model {InfoCommand.RunsAs(board.Info)}");
        if (sameClass != count || sameScores != count)
            throw new UserError($"the board and the host disagree on {count - Math.Min(sameClass, sameScores)} of {count} images");
        return 0;
    }

    // Each image is a round trip over the line: a few thousand take minutes, so say how far it is.
    private static void ReportProgress(int done, int total)
    {
        if (Console.IsErrorRedirected)
        {
            if (done * 10L / total != (done - 1) * 10L / total) Console.Error.WriteLine($"compared {done} of {total} images");
            return;
        }
        if (done % 50 == 0 || done == total) Console.Error.Write($"\rcompared {done} of {total} images");
        if (done == total) Console.Error.WriteLine();
    }
}
