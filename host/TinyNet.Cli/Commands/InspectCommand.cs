using System.CommandLine;
using TinyNet.Activations;
using TinyNet.Host.Models;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Host.Text;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet inspect model.tnn</c>: what is in a model file and what the board needs to run it.</summary>
public static class InspectCommand
{
    public static readonly Argument<string> ModelPath = new("model") { Description = "the model file (.tnn)" };
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.Profile("the board the fit verdict is for");

    public static Command Create()
    {
        var command = new Command("inspect", "Show a model's layers, parameter count, file size and the RAM the device needs to run it.")
        {
            ModelPath, Profile,
        };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(ModelPath)!;
            Model model = ModelFiles.Load(path, out byte[] file);
            Console.Write(Report(path, model, file.Length));
            Console.WriteLine(FitLine(model, file.Length, parse.GetValue(Profile)!));
            return 0;
        });
        return command;
    }

    /// <summary>The fit verdict line inspect, quantize and train print for a model file.</summary>
    public static string FitLine(Model model, long fileBytes, TinyNet.Board.BoardProfile profile) =>
        "board " + TinyNet.Board.ModelFit.Of(model, fileBytes, profile).Verdict();

    /// <summary>
    /// After training: the fit verdicts of the written float32 model and of its int8 form, so the user
    /// knows before flashing whether to quantize.
    /// </summary>
    public static void PrintTrainedFit(Model written, long fileBytes, TinyNet.Board.BoardProfile profile)
    {
        Model quantized = Quantizer.Quantize(written);
        Console.WriteLine($"float32 {FitLine(written, fileBytes, profile)}");
        Console.WriteLine($"int8 (tinynet quantize) {FitLine(quantized, ModelFile.FileBytes(quantized), profile)}");
    }

    public static string Report(string path, Model model, long fileBytes)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"{path}: model \"{model.Name}\", format version {ModelFormat.Version}, {Plural.Of(model.LayerCount, "layer")}");
        text.AppendLine($"{"layer",5}  {"inputs",7}  {"neurons",7}  {"activation",-10}  {"weights",-7}  {"bias",-4}  {"parameters",10}  {"bytes",8}");
        for (int i = 0; i < model.LayerCount; i++)
        {
            ModelLayer layer = model.Layer(i);
            string activation = Activation.FromCode(layer.ActivationCode).Name;
            text.AppendLine($"{i + 1,5}  {layer.Inputs,7}  {layer.Neurons,7}  {activation,-10}  {WeightType.Name(layer.WeightType),-7}  {(layer.HasBias ? "yes" : "no"),-4}  {layer.ParameterCount,10}  {layer.ParameterBytes,8}");
        }
        long ram = Predictor.RequiredRamBytes(model);
        text.AppendLine(ClassesLine(model));
        text.AppendLine($"parameters: {model.ParameterCount}");
        text.AppendLine($"file size: {fileBytes} bytes");
        text.AppendLine($"device RAM to run it: {ram} bytes (parameters as stored + input and activation buffers; object headers not counted)");
        return text.ToString();
    }

    /// <summary>"classes: 3 named "idle", "wave", "circle"", or "classes: 10, numbered 0-9 (no names in the file)".</summary>
    public static string ClassesLine(Model model) => model.HasClassNames
        ? $"classes: {model.Outputs} named {string.Join(", ", model.ClassNames.Select(n => $"\"{n}\""))}"
        : $"classes: {model.Outputs}, numbered 0-{model.Outputs - 1} (no names in the file)";
}
