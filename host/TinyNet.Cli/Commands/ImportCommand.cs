using System.CommandLine;
using System.Globalization;
using TinyNet.Host;
using TinyNet.Host.Onnx;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Models;
using TinyNet.Host.Text;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet import model.onnx --out model.tnn</c>: a multilayer perceptron from PyTorch, Keras or any ONNX exporter.</summary>
public static class ImportCommand
{
    public static readonly Argument<string> OnnxPath = new("model") { Description = "the ONNX file (.onnx)" };
    public static readonly Option<string> Out = new("--out", "-o") { Description = "where to write the TinyNet model (.tnn)", Required = true };
    public static readonly Option<string> Scale = Number("--input-scale", "what the ONNX model multiplies each pixel (0-255) by (default: its metadata input_scale, else 1/255)");
    public static readonly Option<string> Mean = Number("--input-mean", "what it then subtracts (default: metadata input_mean, else 0)");
    public static readonly Option<string> Std = Number("--input-std", "what it then divides by (default: metadata input_std, else 1)");

    public static Command Create()
    {
        var command = new Command("import",
            "Convert an ONNX multilayer perceptron (Gemm or MatMul+Add, Relu/Tanh/Sigmoid/Softmax) to a .tnn model. The ONNX model sees "
            + "(pixel × scale − mean) / std; that scaling is folded into the first layer, so the board keeps feeding raw pixels.")
        {
            OnnxPath, Out, Scale, Mean, Std,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(OnnxPath)!;
            string output = parse.GetValue(Out)!;
            ModelFiles.CheckWritable(output);
            double? scale = Parse(parse.GetValue(Scale), "--input-scale"), mean = Parse(parse.GetValue(Mean), "--input-mean"), std = Parse(parse.GetValue(Std), "--input-std");
            var result = OnnxImporter.Import(input, metadata => InputScaling.Resolve(scale, mean, std, metadata));
            long bytes = ModelFiles.Save(result.Model, output);
            Model model = result.Model;
            Console.WriteLine($"read {input} (ONNX opset {result.Opset}): {Plural.Of(model.LayerCount, "dense layer")}, {model.ParameterCount} parameters");
            Console.WriteLine(result.Scaling.IsIdentity
                ? "input: pixel / 255, as TinyNet feeds it; nothing folded"
                : $"input: the ONNX model sees {result.Scaling.Describe()}; folded into layer 1, so the board still feeds raw pixels");
            Console.Write(InspectCommand.Report(output, model, bytes));
            Console.WriteLine($"wrote {output}; next: tinynet eval {output}, tinynet quantize {output} --out {Path.ChangeExtension(output, ".q8.tnn")}");
            return 0;
        });
        return command;
    }

    private static Option<string> Number(string name, string description) => new(name) { Description = description };

    private static double? Parse(string? text, string name)
    {
        if (text == null) return null;
        // 1/255 is the usual scale; accept it as a fraction so nobody has to type 0.00392156862745098.
        string[] parts = text.Split('/');
        if (parts.Length <= 2 && parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            double value = double.Parse(parts[0], CultureInfo.InvariantCulture);
            if (parts.Length == 2) value /= double.Parse(parts[1], CultureInfo.InvariantCulture);
            if (double.IsFinite(value)) return value;
        }
        throw new UserError($"{name} must be a number such as 0.1307 or 1/255, not '{text}'", 2);
    }
}
