using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Datasets;
using TinyNet.Host.Models;
using TinyNet.Host.Text;
using TinyNet.Host.Training;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet train csv FILE --label COLUMN</c> and <c>tinynet train images DIR</c>: inputs → hidden
/// (tanh) → classes (softmax) on the user's own labelled data, tested on a stratified held-out part
/// (or a --test file), written with its class names. CSV features are standardized for training and
/// the standardization is folded into the first layer, so the model takes raw values; pictures are
/// prepared like MNIST and fed as pixel / 255, as <c>predict --image</c> does.
/// </summary>
internal static class OwnDataTraining
{
    public const double DefaultTestFraction = 0.2;

    // Own data sets are small (hundreds to thousands of samples): more, smaller steps than MNIST's
    // recipe, and a smaller hidden layer. Measured on the gesture and shape sets of the tests.
    private static readonly MnistRecipe CsvDefaults = new() { Hidden = 32, Epochs = 40, BatchSize = 16, LearningRate = 0.1f, Shift = 0 };
    private static readonly MnistRecipe ImageDefaults = new() { Hidden = 64, Epochs = 30, BatchSize = 16, LearningRate = 0.2f, Shift = 0 };

    public static int Run(ParseResult parse, string dataset)
    {
        foreach (Option option in new Option[] { TrainCommand.Shift, TrainCommand.Data, TrainCommand.Plot, TrainCommand.Limit })
            if (parse.GetResult(option) is { Implicit: false })
                throw new UserError($"{option.Name} is for train mnist; train {dataset} does not take it", 2);
        bool csv = dataset == "csv";
        string source = parse.GetValue(TrainCommand.Source)
            ?? throw new UserError(csv ? "train csv needs the CSV file: tinynet train csv FILE.csv --label COLUMN --out model.tnn"
                                       : "train images needs the folder: tinynet train images DIR --out model.tnn (DIR/<class>/*.png)", 2);
        string? label = parse.GetValue(TrainCommand.Label);
        string[]? features = DataOptions.SplitNames(parse.GetValue(TrainCommand.Features));
        if (csv && label == null) throw new UserError($"train csv needs --label COLUMN, the column of {source} holding each row's class", 2);
        if (!csv && (label != null || features != null)) throw new UserError("--label and --features are for train csv; train images takes its classes from the folder names", 2);

        MnistRecipe recipe = Recipe(parse, csv ? CsvDefaults : ImageDefaults);
        recipe.Validate();
        string output = parse.GetValue(TrainCommand.Out)!;
        ModelFiles.CheckWritable(output);
        string? testSource = parse.GetValue(TrainCommand.Test);
        double fraction = parse.GetValue(TrainCommand.TestFraction);
        if (testSource != null && parse.GetResult(TrainCommand.TestFraction) is { Implicit: false })
            throw new UserError("give --test FILE or --test-fraction, not both", 2);
        if (testSource == null && !(fraction > 0 && fraction < 1))
            throw new UserError($"--test-fraction must be above 0 and below 1, got {fraction}", 2);

        LabeledData all = csv ? CsvDataset.Read(source, label!, features, null) : ImageDataset.ReadForTraining(source);
        int[] counts = all.ClassCounts();
        int populated = counts.Count(n => n > 0);
        if (populated < 2)
            throw new UserError($"{source} has only one class ('{all.ClassNames[Array.FindIndex(counts, n => n > 0)]}'); a classifier needs samples of at least two classes");
        LabeledData train, test;
        if (testSource != null)
        {
            train = all;
            test = csv ? CsvDataset.Read(testSource, label!, all.FeatureNames, all.ClassNames, "the training file's column") : ImageDataset.Read(testSource, all.ClassNames);
        }
        else
        {
            HeldOutSplit.Split(all, fraction, recipe.Seed, out train, out test);
        }

        var trainer = new DatasetTrainer(recipe, train, test, standardize: csv);
        string accuracyName = testSource != null ? "test accuracy" : "held-out accuracy";
        Console.WriteLine($"training {train.Features}-{recipe.Hidden}-{train.Classes} on {train.Count} samples of {source}" +
            (testSource != null ? $", testing on {test.Count} of {testSource}" : $", {test.Count} held out ({fraction:P0} of each class)") +
            $": classes {CsvDataset.List(train.ClassNames)}");
        Console.WriteLine($"{Plural.Of(recipe.Epochs, "epoch")}, batch {recipe.BatchSize}, lr {recipe.LearningRate:G4} → {recipe.FinalLearningRate:G4}" +
            (recipe.Momentum > 0 ? $", momentum {recipe.Momentum:G3}" : "") + $", seed {recipe.Seed}" +
            (csv ? "; features standardized on the training part, folded into layer 1 (the model takes raw values)" : "; pictures prepared like MNIST (28×28)"));

        IReadOnlyList<MnistEpoch> epochs = TrainingProgress.Run(trainer, recipe.Epochs, accuracyName);

        double accuracy = trainer.TestAccuracy();
        Model model = trainer.ToModel(ModelName(source));
        long bytes = ModelFiles.Save(model, output);
        double seconds = epochs.Sum(e => e.TrainSeconds);
        Console.WriteLine($"wrote {output} ({model.ParameterCount} parameters, {bytes} bytes, {model.Outputs} classes): {accuracyName} {100 * accuracy:F2} %, training time {seconds:F2} s");
        TinyNet.Board.BoardProfile profile = parse.GetValue(TrainCommand.Profile)!;
        InspectCommand.PrintTrainedFit(model, bytes, profile);
        return 0;
    }

    // The options the user gave win; the others take the data kind's defaults, not MNIST's.
    private static MnistRecipe Recipe(ParseResult parse, MnistRecipe defaults) => defaults with
    {
        Hidden = Given(parse, TrainCommand.Hidden) ? parse.GetValue(TrainCommand.Hidden) : defaults.Hidden,
        Epochs = Given(parse, TrainCommand.Epochs) ? parse.GetValue(TrainCommand.Epochs) : defaults.Epochs,
        BatchSize = Given(parse, TrainCommand.Batch) ? parse.GetValue(TrainCommand.Batch) : defaults.BatchSize,
        LearningRate = Given(parse, TrainCommand.LearningRate) ? parse.GetValue(TrainCommand.LearningRate) : defaults.LearningRate,
        Momentum = parse.GetValue(TrainCommand.Momentum),
        Seed = (uint)parse.GetValue(TrainCommand.Seed),
    };

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is { Implicit: false };

    // The model is named after its data (gestures.csv → "gestures"), kept to what a name may hold.
    private static string ModelName(string source)
    {
        string name = Path.GetFileNameWithoutExtension(Path.TrimEndingDirectorySeparator(source));
        var kept = new System.Text.StringBuilder();
        foreach (char c in name)
            if (ModelRules.IsNameCharacter(c) && kept.Length < ModelFormat.MaxNameLength) kept.Append(c);
        return kept.ToString();
    }
}
