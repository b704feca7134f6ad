using System.CommandLine;
using System.Globalization;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Host.FineTuning;
using TinyNet.Host.Images;
using TinyNet.Host.Mnist;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet finetune DIR</c>: adapt the board's model to the user's handwriting, on the board: DIR
/// holds pictures in folders 0-9; part of them is held out to measure the board before and after.
/// </summary>
public static class FinetuneCommand
{
    public static readonly Argument<string> Folder = new("dir") { Description = "folder with the pictures in subfolders named after their digit, 0 to 9 (PNG, JPEG, BMP, GIF, TIFF or WebP)" };
    public static readonly Option<string> Port = BoardOptions.Port();
    public static readonly Option<int> Epochs = CliOptions.Integer("--epochs", "passes over the training pictures", 1, 5);
    public static readonly Option<float> LearningRate = CliOptions.PositiveNumber("--lr", "SGD step size on the board (at most 10)", 0.05f, "0.05");
    public static readonly Option<bool> Keep = new("--keep") { Description = "store the adapted model on the board as its active model (otherwise it lasts until the board restarts)" };
    public static readonly Option<float> Holdout = new("--holdout")
    {
        Description = "share of each digit's pictures held out to measure the board before and after (0 to 0.9)",
        DefaultValueFactory = _ => 0.5f,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            if (float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out float value) && value >= 0f && value <= 0.9f)
                return value;
            result.AddError($"--holdout must be a share from 0 to 0.9 such as 0.5, not '{text}'");
            return 0.5f;
        },
    };
    public static readonly Option<int> Seed = CliOptions.Integer("--seed", "seed of the held-out split and of the sample order", 0, 1);

    public static Command Create()
    {
        var command = new Command("finetune", "Teach the board your handwriting: fine-tune its model's output layer on your pictures, on the board.")
        {
            Folder, Port, Epochs, LearningRate, Keep, Holdout, Seed,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(Folder)!;
            LabeledImages images = ImageFolder.Read(folder);
            if (images.ClassNames.Length > MnistSet.Classes || Array.Exists(images.ClassNames, n => n.Length != 1 || n[0] < '0' || n[0] > '9'))
                throw new UserError($"{folder} must hold folders named 0 to 9, one per digit; it has {string.Join(", ", images.ClassNames)}");
            float learningRate = parse.GetValue(LearningRate);
            if (learningRate > 10f) throw new UserError($"--lr {learningRate} is above 10, the most the board accepts; try 0.05", 2);
            int seed = parse.GetValue(Seed);
            var (train, heldOut) = BoardFineTuning.Split(images.Samples, parse.GetValue(Holdout), seed);
            if (train.Count == 0) throw new UserError($"{folder} leaves no pictures to train on after holding out {parse.GetValue(Holdout)}; add pictures or lower --holdout");

            using var board = BoardConnection.Open(parse.GetValue(Port), Console.Error);
            if (!board.Info.ModelPresent)
                throw new UserError($"the board has no model{(board.Info.ModelStatus.Length > 0 ? $" ({board.Info.ModelStatus})" : "")}; flash one first: tinynet flash model.q8.tnn");
            Console.WriteLine($"{images.Samples.Count} pictures in {folder}: {train.Count} to train on, {heldOut.Count} held out; model {board.Info.ModelName} on {board.Port}");
            board.Call(() => { board.Client.Revert(); return 0; });   // start from the stored model
            double before = heldOut.Count > 0 ? board.Call(() => BoardFineTuning.Accuracy(board.Client, heldOut)) : double.NaN;
            if (heldOut.Count > 0) Console.WriteLine($"held-out accuracy before: {100 * before:F2} %");

            Console.WriteLine();
            Console.WriteLine("epoch  samples    loss  accuracy  on the board");
            var settings = new FineTuneSettings(parse.GetValue(Epochs), learningRate, seed);
            board.Call(() => BoardFineTuning.Run(board.Client, train, settings, row =>
                Console.WriteLine($"{row.Epoch,5}  {row.Samples,7}  {row.MeanLoss,6:F4}  {100 * row.Accuracy,6:F2} %  "
                    + (row.BoardMicroseconds is long us ? $"{us / 1000.0:F1} ms ({us / (double)row.Samples:F0} µs/sample)" : "sent one by one"))));
            Console.WriteLine();

            if (heldOut.Count > 0)
            {
                double after = board.Call(() => BoardFineTuning.Accuracy(board.Client, heldOut));
                Console.WriteLine($"held-out accuracy after:  {100 * after:F2} % ({100 * (after - before):+0.00;-0.00} points)");
            }
            if (parse.GetValue(Keep))
            {
                board.Call(() => { board.Client.Keep(); return 0; });
                var info = board.Call(() => board.Client.Hello());
                Console.WriteLine($"kept: the board's active model is now the adapted one (CRC 0x{info.ModelCrc:X8}); fetch it with tinynet pull --out mine.tnn");
            }
            else
            {
                Console.WriteLine("the adaptation lives in the board's RAM until it restarts; run again with --keep to store it");
            }
            return 0;
        });
        return command;
    }
}
