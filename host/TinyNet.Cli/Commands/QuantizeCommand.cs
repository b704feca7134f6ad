using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Datasets;
using TinyNet.Host.Evaluation;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet quantize model.tnn --out model.q8.tnn</c>: int8 weights per output neuron, float32 biases.</summary>
public static class QuantizeCommand
{
    public static readonly Argument<string> ModelPath = new("model") { Description = "the float32 model file (.tnn)" };
    public static readonly Option<string> Out = new("--out", "-o") { Description = "where to write the int8 model", Required = true };
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.Profile("the board the fit verdicts are for");
    public static readonly Option<string> Data = new("--data") { Description = "folder with the MNIST IDX files, to compare accuracies (default: data/mnist, searched upwards)" };
    private static readonly DataOptions OwnData = new();

    public static Command Create()
    {
        var command = new Command("quantize",
            "Quantize a model to int8 (symmetric per output neuron, float32 biases) and compare its test accuracy (MNIST, or --csv FILE --label COLUMN, or --images DIR) with the float model.")
        {
            ModelPath, Out, Data, Profile,
        };
        OwnData.AddTo(command);
        command.SetAction(parse =>
        {
            string input = parse.GetValue(ModelPath)!;
            string output = parse.GetValue(Out)!;
            ModelFiles.CheckWritable(output);
            if (Path.GetFullPath(input) == Path.GetFullPath(output))
                throw new UserError($"--out {output} is the input model; choose another file name such as model.q8.tnn", 2);
            Model model = ModelFiles.Load(input);
            if (model.IsQuantized) throw new UserError($"{input} is already int8; quantize its float32 original instead");

            // Quantize first: it needs no data. Accuracies are measured only when the test set
            // fits the model, and before writing, so a failure leaves no file behind.
            Model quantized = Quantizer.Quantize(model);
            string floatAccuracy, intAccuracy;
            if (OwnData.Given(parse))
            {
                // The user's own data (--csv/--images): asked for, so it must fit the model.
                if (parse.GetValue(Data) != null) throw new UserError("--data is the MNIST folder; leave it out with --csv or --images", 2);
                LabeledData data = OwnData.Read(parse, model);
                floatAccuracy = $"{100 * DatasetEvaluator.Evaluate(model, data).Accuracy:F2} %";
                intAccuracy = $"{100 * DatasetEvaluator.Evaluate(quantized, data).Accuracy:F2} %";
            }
            else
            {
                MnistSet? test = TryLoadTest(parse.GetValue(Data), model, input);
                floatAccuracy = Accuracy(model, test);
                intAccuracy = Accuracy(quantized, test);
            }
            long floatBytes = new FileInfo(input).Length;
            long intBytes = ModelFiles.Save(quantized, output);

            Console.WriteLine($"{"",-8}{"file",-28}{"bytes",10}{"device RAM",12}{"test accuracy",16}");
            Console.WriteLine(Line("float32", input, floatBytes, model, floatAccuracy));
            Console.WriteLine(Line("int8", output, intBytes, quantized, intAccuracy));
            Console.WriteLine($"int8 file is {100.0 * intBytes / floatBytes:F1} % of the float32 file");
            TinyNet.Board.BoardProfile profile = parse.GetValue(Profile)!;
            Console.WriteLine($"float32 {InspectCommand.FitLine(model, floatBytes, profile)}");
            Console.WriteLine($"int8 {InspectCommand.FitLine(quantized, intBytes, profile)}");
            return 0;
        });
        return command;
    }

    private static string Accuracy(Model model, MnistSet? test) =>
        test == null ? "not measured" : $"{100 * MnistEvaluator.Accuracy(model, test):F2} %";

    private static string Line(string kind, string path, long bytes, Model model, string accuracy) =>
        $"{kind,-8}{Path.GetFileName(path),-28}{bytes,10}{Predictor.RequiredRamBytes(model),12}{accuracy,16}";

    // Quantizing needs no data; comparing accuracies does, on a model that reads 28×28 digits into
    // 10 classes. A --data the user gave must work; without one, a missing data/mnist only skips
    // the comparison, and says how to get it.
    private static MnistSet? TryLoadTest(string? data, Model model, string input)
    {
        if (model.Inputs != MnistSet.PixelsPerImage || model.Outputs != MnistSet.Classes)
        {
            Console.Error.WriteLine($"tinynet: accuracy not measured: {input} maps {model.Inputs} inputs to {model.Outputs} outputs, not MNIST's {MnistSet.PixelsPerImage} to {MnistSet.Classes}");
            return null;
        }
        if (data != null) return MnistData.LoadTest(MnistData.FindFolder(data));
        try
        {
            return MnistData.LoadTest(MnistData.FindFolder(null));
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"tinynet: accuracy not measured: {e.Message}");
            return null;
        }
    }
}
