using System.CommandLine;
using System.Text;
using TinyNet.Host;
using TinyNet.Host.Datasets;
using TinyNet.Host.Evaluation;
using TinyNet.Host.Mnist;
using TinyNet.Host.Models;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet eval model.tnn</c>: test accuracy, accuracy per digit and the confusion matrix of a model.</summary>
public static class EvalCommand
{
    public static readonly Argument<string> ModelPath = new("model") { Description = "the model file (.tnn, float or int8)" };
    public static readonly Option<string> Data = new("--data") { Description = "folder with the MNIST IDX files (default: data/mnist, searched upwards)" };
    private static readonly DataOptions OwnData = new();

    public static Command Create()
    {
        var command = new Command("eval",
            "Measure a model on the MNIST test set, or on your own data (--csv FILE --label COLUMN, or --images DIR): accuracy, per-class accuracy, confusion matrix.")
        {
            ModelPath, Data,
        };
        OwnData.AddTo(command);
        command.SetAction(parse =>
        {
            string path = parse.GetValue(ModelPath)!;
            Model model = ModelFiles.Load(path);
            if (OwnData.Given(parse))
            {
                if (parse.GetValue(Data) != null) throw new UserError("--data is the MNIST folder; leave it out with --csv or --images", 2);
                LabeledData data = OwnData.Read(parse, model);
                Console.Write(Report(path, model, data.Source, DatasetEvaluator.Evaluate(model, data)));
                return 0;
            }
            MnistSet test = MnistData.LoadTest(MnistData.FindFolder(parse.GetValue(Data)));
            ClassEvaluation result = MnistEvaluator.Evaluate(model, test);
            Console.Write(Report(path, model, result));
            return 0;
        });
        return command;
    }

    /// <summary>The MNIST report: test accuracy, then per digit, then the confusion matrix.</summary>
    public static string Report(string path, Model model, ClassEvaluation result)
    {
        var text = new StringBuilder();
        text.AppendLine($"{path}: {Shape(model)}, {(model.IsQuantized ? "int8" : "float32")} weights, {model.ParameterCount} parameters");
        text.AppendLine($"test accuracy {100 * result.Accuracy:F2} % ({result.Correct} of {result.Count})");
        text.AppendLine();
        text.AppendLine("digit  accuracy  samples");
        for (int c = 0; c < MnistSet.Classes; c++)
            text.AppendLine($"{c,5}  {100 * result.ClassAccuracy(c),6:F2} %  {result.ClassCount(c),7}");
        text.AppendLine();
        text.AppendLine("confusion matrix (rows: actual digit, columns: predicted digit)");
        text.Append("     ");
        for (int p = 0; p < MnistSet.Classes; p++) text.Append($"{p,6}");
        text.AppendLine();
        for (int a = 0; a < MnistSet.Classes; a++)
        {
            text.Append($"{a,5}");
            for (int p = 0; p < MnistSet.Classes; p++) text.Append($"{result.Confusion[a * MnistSet.Classes + p],6}");
            text.AppendLine();
        }
        return text.ToString();
    }

    /// <summary>The report on the user's own data: accuracy, then per class by name, then the confusion matrix.</summary>
    public static string Report(string path, Model model, string source, ClassEvaluation result)
    {
        var text = new StringBuilder();
        text.AppendLine($"{path}: {Shape(model)}, {(model.IsQuantized ? "int8" : "float32")} weights, {model.ParameterCount} parameters");
        text.AppendLine($"accuracy on {source}: {100 * result.Accuracy:F2} % ({result.Correct} of {result.Count})");
        text.AppendLine();
        int width = 5;
        foreach (string name in result.ClassNames) width = Math.Max(width, name.Length);
        text.AppendLine($"{"class".PadRight(width)}  accuracy  samples");
        for (int c = 0; c < result.Classes; c++)
        {
            int samples = result.ClassCount(c);
            string accuracy = samples == 0 ? "       -" : $"{100 * result.ClassAccuracy(c),6:F2} %";
            text.AppendLine($"{result.ClassNames[c].PadRight(width)}  {accuracy}  {samples,7}");
        }
        text.AppendLine();
        text.AppendLine("confusion matrix (rows: actual class, columns: predicted class)");
        int cell = 6;
        foreach (string name in result.ClassNames) cell = Math.Max(cell, name.Length + 1);
        text.Append(new string(' ', width));
        for (int p = 0; p < result.Classes; p++) text.Append(result.ClassNames[p].PadLeft(cell));
        text.AppendLine();
        for (int a = 0; a < result.Classes; a++)
        {
            text.Append(result.ClassNames[a].PadRight(width));
            for (int p = 0; p < result.Classes; p++) text.Append(result.Confusion[a * result.Classes + p].ToString().PadLeft(cell));
            text.AppendLine();
        }
        return text.ToString();
    }

    private static string Shape(Model model)
    {
        var shape = new StringBuilder(model.Inputs.ToString());
        for (int i = 0; i < model.LayerCount; i++) shape.Append('-').Append(model.Layer(i).Neurons);
        return shape.ToString();
    }
}
