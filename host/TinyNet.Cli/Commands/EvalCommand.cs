using System.CommandLine;
using System.Text;
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

    public static Command Create()
    {
        var command = new Command("eval", "Measure a model on the MNIST test set: accuracy, per-digit accuracy, confusion matrix.")
        {
            ModelPath, Data,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(ModelPath)!;
            Model model = ModelFiles.Load(path);
            MnistSet test = MnistData.LoadTest(MnistData.FindFolder(parse.GetValue(Data)));
            MnistEvaluation result = MnistEvaluator.Evaluate(model, test);
            Console.Write(Report(path, model, result));
            return 0;
        });
        return command;
    }

    public static string Report(string path, Model model, MnistEvaluation result)
    {
        var text = new StringBuilder();
        var shape = new StringBuilder(model.Inputs.ToString());
        for (int i = 0; i < model.LayerCount; i++) shape.Append('-').Append(model.Layer(i).Neurons);
        text.AppendLine($"{path}: {shape}, {(model.IsQuantized ? "int8" : "float32")} weights, {model.ParameterCount} parameters");
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
}
