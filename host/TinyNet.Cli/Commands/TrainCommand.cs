using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Files;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Host.Text;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet train mnist --out model.tnn</c>: trains 784 → hidden (tanh) → 10 (softmax) on MNIST and writes the model;
/// <c>train csv FILE --label COLUMN</c> and <c>train images DIR</c> train on the user's own data (<see cref="OwnDataTraining"/>).
/// </summary>
public static class TrainCommand
{
    private static readonly MnistRecipe Defaults = new();

    public static readonly Argument<string> Dataset = new("dataset") { Description = "what to train on: mnist, csv (a labelled CSV file) or images (a folder with a subfolder per class)" };
    public static readonly Argument<string> Source = new("source")
    {
        Description = "csv: the CSV file (header row, one sample per row); images: the folder of class folders",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static readonly Option<string> Out = new("--out", "-o")
    {
        Description = "where to write the trained model (.tnn); written only when training succeeds",
        Required = true,
    };

    public static readonly Option<int> Hidden = CliOptions.Integer("--hidden", "neurons in the hidden (tanh) layer (the default shown is mnist's; csv 32, images 64)", 1, Defaults.Hidden);
    public static readonly Option<int> Epochs = CliOptions.Integer("--epochs", "passes over the training set (csv 40, images 30)", 1, Defaults.Epochs);
    public static readonly Option<int> Batch = CliOptions.Integer("--batch", "samples per SGD step (csv and images 16)", 1, Defaults.BatchSize);
    public static readonly Option<float> LearningRate = CliOptions.PositiveNumber("--lr",
        $"learning rate of the first step; it decays linearly to {Defaults.FinalLearningRateFraction:0.##}× by the last (csv 0.1, images 0.2)", Defaults.LearningRate, "0.1");
    public static readonly Option<float> Momentum = new("--momentum")
    {
        Description = "SGD momentum μ in [0, 1); 0 (the default) runs the faster fused step",
        DefaultValueFactory = _ => Defaults.Momentum,
    };
    public static readonly Option<int> Shift = CliOptions.Integer("--shift",
        "mnist: augment, move each training image by up to N pixels at random (0 = off)", 0, Defaults.Shift);
    public static readonly Option<int> Seed = CliOptions.Integer("--seed", "seed of the initial weights and the shuffles (same seed, same model)", 0, (int)Defaults.Seed);
    public static readonly Option<string> Data = new("--data") { Description = "mnist: folder with the MNIST IDX files (default: data/mnist, searched upwards)" };
    public static readonly Option<string> Plot = new("--plot") { Description = "mnist: also write loss, accuracy and confusion-matrix charts (PNG) into this folder" };

    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.Profile("the board the fit verdicts are for");

    public static readonly Option<string> Label = new("--label") { Description = "csv: the column holding each row's class (names or whole numbers)" };
    public static readonly Option<string> Features = new("--features") { Description = "csv: the feature columns, by header name, comma-separated (default: every column but the label)" };
    public static readonly Option<string> Test = new("--test") { Description = "csv/images: a separate test file (same header) or folder, instead of holding part of the data out" };
    public static readonly Option<double> TestFraction = new("--test-fraction")
    {
        Description = "csv/images: fraction of each class held out for testing (stratified, drawn with --seed)",
        DefaultValueFactory = _ => OwnDataTraining.DefaultTestFraction,
    };

    // For tests and quick runs: train on the first N samples only.
    public static readonly Option<int> Limit = CliOptions.Integer("--limit", "train on the first N training samples only", 1, 0);

    public static Command Create()
    {
        Dataset.AcceptOnlyFromAmong("mnist", "csv", "images");
        Limit.Hidden = true;
        var command = new Command("train",
            "Train a classifier and write it as a model file: on MNIST (train mnist), a labelled CSV file (train csv FILE --label COLUMN) or folders of pictures (train images DIR).")
        {
            Dataset, Source, Out, Hidden, Epochs, Batch, LearningRate, Momentum, Shift, Seed, Data, Plot, Profile, Label, Features, Test, TestFraction, Limit,
        };
        command.SetAction(parse =>
        {
            string dataset = parse.GetValue(Dataset)!;
            if (dataset != "mnist") return OwnDataTraining.Run(parse, dataset);
            foreach (Option option in new Option[] { Label, Features, Test, TestFraction })
                if (parse.GetResult(option) is { Implicit: false })
                    throw new UserError($"{option.Name} is for train csv and train images; train mnist reads --data DIR", 2);
            if (parse.GetValue(Source) is string source)
                throw new UserError($"train mnist takes no file ('{source}'); give the MNIST folder with --data DIR", 2);
            var recipe = new MnistRecipe
            {
                Hidden = parse.GetValue(Hidden),
                Epochs = parse.GetValue(Epochs),
                BatchSize = parse.GetValue(Batch),
                LearningRate = parse.GetValue(LearningRate),
                Momentum = parse.GetValue(Momentum),
                Shift = parse.GetValue(Shift),
                Seed = (uint)parse.GetValue(Seed),
                Limit = parse.GetValue(Limit) is int n and > 0 ? n : null,
            };
            return Run(recipe, parse.GetValue(Out)!, parse.GetValue(Data), parse.GetValue(Plot), parse.GetValue(Profile)!);
        });
        return command;
    }

    private static int Run(MnistRecipe recipe, string output, string? dataOption, string? plotFolder, TinyNet.Board.BoardProfile profile)
    {
        recipe.Validate();
        ModelFiles.CheckWritable(output);
        if (plotFolder != null) CheckPlotFolder(plotFolder);
        string folder = MnistData.FindFolder(dataOption);
        MnistSet train = MnistData.LoadTrain(folder), test = MnistData.LoadTest(folder);
        var trainer = new MnistTrainer(recipe, train, test);

        Console.WriteLine($"training 784-{recipe.Hidden}-10 on {trainer.TrainCount} MNIST samples from {folder}: " +
            $"{Plural.Of(recipe.Epochs, "epoch")}, batch {recipe.BatchSize}, lr {recipe.LearningRate:G4} → {recipe.FinalLearningRate:G4}" +
            (recipe.Momentum > 0 ? $", momentum {recipe.Momentum:G3}" : "") +
            (recipe.Shift > 0 ? $", shifts up to {recipe.Shift} px" : "") + $", seed {recipe.Seed}");
        IReadOnlyList<MnistEpoch> epochs = TrainingProgress.Run(trainer, recipe.Epochs);

        var confusion = new int[MnistSet.Classes * MnistSet.Classes];
        double accuracy = trainer.TestAccuracy(confusion);
        long bytes = ModelFiles.Save(trainer.Network, "mnist", output);
        double seconds = epochs.Sum(e => e.TrainSeconds);
        Console.WriteLine($"wrote {output} ({trainer.Network.ParameterCount} parameters, {bytes} bytes): test accuracy {100 * accuracy:F2} %, training time {seconds:F2} s");
        // What the written model and its int8 form would take on the board, before anything is flashed.
        InspectCommand.PrintTrainedFit(ModelFiles.Load(output), bytes, profile);
        if (plotFolder != null)
        {
            foreach (string chart in Host.Plots.TrainingCharts.Write(plotFolder, epochs, confusion, MnistSet.Classes))
                Console.WriteLine($"wrote {chart}");
        }
        return 0;
    }

    // The charts are written after training: find a folder that cannot take them before.
    private static void CheckPlotFolder(string folder)
    {
        if (File.Exists(folder)) throw new UserError($"--plot {folder} is a file; give a folder for the charts", 2);
        if (Directory.Exists(folder))
        {
            OutputFolder.CheckWritable(folder, $"--plot {folder}");
            return;
        }
        // A new folder is created for the charts: its parent must exist and be writable.
        string parent = Path.GetDirectoryName(Path.GetFullPath(folder)) ?? ".";
        OutputFolder.CheckWritable(parent, $"--plot {folder}");
    }
}
