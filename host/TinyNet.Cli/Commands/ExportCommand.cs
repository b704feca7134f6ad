using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Onnx;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet export model.tnn --out model.onnx</c> (ONNX, opset 13) or <c>--format csharp --out Model.cs</c>
/// (the model built into your own nanoFramework app).
/// </summary>
public static class ExportCommand
{
    public static readonly Argument<string> ModelPath = new("model") { Description = "the TinyNet model (.tnn), float32 or int8" };
    public static readonly Option<string> Out = new("--out", "-o") { Description = "where to write the .onnx or .cs file", Required = true };
    public static readonly Option<string> Format = new Option<string>("--format") { Description = "onnx, or csharp for a C# file holding the model", DefaultValueFactory = _ => "onnx" }
        .AcceptOnlyFromAmong("onnx", "csharp");
    public static readonly Option<bool> Float = new("--float") { Description = "onnx: write int8 weights dequantized to float32 instead of DequantizeLinear of int8" };
    public static readonly Option<string> Namespace = new("--namespace") { Description = "csharp: the namespace of the class (default: TinyNetModels)" };
    public static readonly Option<string> Class = new("--class") { Description = "csharp: the class name (default: from the file name, Model.cs gives Model)" };

    public static Command Create()
    {
        var command = new Command("export", "Write a .tnn model as ONNX (opset 13, checked with ONNX Runtime) or as a C# file for your own nanoFramework app.")
        {
            ModelPath, Out, Format, Float, Namespace, Class,
        };
        command.SetAction(parse =>
        {
            string input = parse.GetValue(ModelPath)!;
            string output = parse.GetValue(Out)!;
            ModelFiles.CheckWritable(output);
            if (Path.GetFullPath(input) == Path.GetFullPath(output))
                throw new UserError($"--out {output} is the input model; choose another file name", 2);
            Model model = ModelFiles.Load(input);
            if (parse.GetValue(Format) == "csharp")
            {
                if (parse.GetValue(Float)) throw new UserError("--float is for --format onnx; the C# file holds the .tnn bytes as they are", 2);
                string source = CSharpExporter.Source(model, input, parse.GetValue(Namespace) ?? "TinyNetModels", parse.GetValue(Class) ?? CSharpExporter.ClassNameFor(output));
                long written = OnnxFile.WriteAtomically(System.Text.Encoding.UTF8.GetBytes(source), output);
                Console.WriteLine($"wrote {output} ({written} bytes of C#) holding {ModelFile.FileBytes(model)} bytes of model; the board needs {Predictor.RequiredRamBytes(model)} bytes of RAM to run it");
                return 0;
            }
            if (parse.GetValue(Namespace) != null || parse.GetValue(Class) != null)
                throw new UserError("--namespace and --class are for --format csharp", 2);
            bool asFloat = parse.GetValue(Float);
            long bytes = OnnxExporter.Export(model, output, asFloat);
            string weights = !model.IsQuantized ? "float32 weights" : asFloat ? "int8 weights dequantized to float32" : "int8 weights behind DequantizeLinear";
            Console.WriteLine($"wrote {output} ({bytes} bytes, ONNX opset {OnnxExporter.Opset}, {weights}); its input is pixel / 255 (metadata input_scale)");
            return 0;
        });
        return command;
    }
}
