using TinyNet.Host;
using TinyNet.Host.Onnx;
using TinyNet.Host.Models;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// Class names through the exports: ONNX keeps them in metadata_props ("class_names", a JSON array), import
/// reads them back or refuses a value that does not fit; the C# export carries them inside the model bytes.
/// </summary>
public sealed class ClassNamesOnnxTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    // Names with a comma and quotes (JSON must escape them), as many as the fixture's outputs (at least 3).
    private static readonly string[] Names = ["idle", "wave, twice", "say \"hi\"", .. Enumerable.Range(0, 20).Select(i => "class " + i)];

    private static string[] NamesFor(Model model) => Names.Take(model.Outputs).ToArray();

    private static Model Named(string[]? names)
    {
        Model model = OnnxFixtures.Import("seq_opset13_fold").Model;
        return new Model("named", Enumerable.Range(0, model.LayerCount).Select(model.Layer).ToArray(), names);
    }

    [Fact]
    public void Onnx_export_and_import_keep_the_names_and_tnn_onnx_tnn_is_byte_identical()
    {
        Model model = Named(NamesFor(Named(null)));
        string tnn = _dir.File("named.tnn"), onnx = _dir.File("named.onnx");
        ModelFiles.Save(model, tnn);
        var export = CliProcess.Run("export", tnn, "--out", onnx);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.StartsWith("[\"idle\",", Metadata(onnx)[OnnxClassNames.Key]);

        var back = CliProcess.Run("import", onnx, "--out", _dir.File("back.tnn"));
        Assert.True(back.ExitCode == 0, back.Error);
        Assert.Contains($"classes: {model.Outputs} named \"idle\", \"wave, twice\", \"say \"hi\"\"", back.Output);
        Assert.Equal(File.ReadAllBytes(tnn), File.ReadAllBytes(_dir.File("back.tnn")));
        Assert.False(Metadata(OnnxExportOf(Named(null))).ContainsKey(OnnxClassNames.Key));
    }

    [Fact]
    public void Import_refuses_class_names_that_do_not_fit_the_model()
    {
        int outputs = Named(null).Outputs;
        string onnx = OnnxExportOf(Named(Enumerable.Range(0, outputs).Select(i => "c" + i).ToArray()));
        // Two names made one, in place ("c0","c1" → "c0,,,c1": same length, so the protobuf stays valid).
        byte[] bytes = File.ReadAllBytes(onnx);
        byte[] pair = "\"c0\",\"c1\""u8.ToArray();
        int at = bytes.AsSpan().IndexOf(pair);
        Assert.True(at > 0);
        "\"c0,,,c1\""u8.CopyTo(bytes.AsSpan(at));
        File.WriteAllBytes(onnx, bytes);
        var e = Assert.Throws<UserError>(() => OnnxImporter.Import(onnx, m => InputScaling.Resolve(null, null, null, m)));
        Assert.Equal($"the model's metadata 'class_names' does not fit it: the model has {outputs} outputs but {outputs - 1} class names; correct or remove that entry", e.Message);
    }

    [Theory]
    [InlineData("idle,wave")]
    [InlineData("[1,2]")]
    [InlineData("[\"a\",null]")]
    [InlineData("{}")]
    public void Class_names_that_are_not_a_JSON_array_of_strings_are_refused(string value)
    {
        var e = Assert.Throws<UserError>(() => OnnxClassNames.From(new Dictionary<string, string> { [OnnxClassNames.Key] = value }));
        Assert.Equal("the model's metadata 'class_names' is not a JSON array of strings (such as [\"idle\",\"wave\"]); correct or remove that entry", e.Message);
        Assert.Null(OnnxClassNames.From(new Dictionary<string, string>()));
    }

    private static Dictionary<string, string> Metadata(string onnx)
    {
        using var session = new Microsoft.ML.OnnxRuntime.InferenceSession(onnx);
        return session.ModelMetadata.CustomMetadataMap;
    }

    [Fact]
    public void The_csharp_export_names_the_classes_and_its_model_bytes_carry_them()
    {
        Model model = Named(NamesFor(Named(null)));
        string source = CSharpExporter.Source(model, "named.tnn", "MyApp", "Gestures");
        Assert.Contains("// Classes (kept in the model data, Model.ClassName(i)): \"idle\", \"wave, twice\"", source);
        Assert.Contains(string.Join(", ", ModelFile.Write(model).Take(8).Select(b => $"0x{b:X2}")), source); // flags 0x0001 in the header
        Assert.Contains("0x54, 0x4E, 0x4E, 0x31, 0x01, 0x00, 0x01, 0x00", source);
    }

    private string OnnxExportOf(Model model)
    {
        string path = _dir.File(Guid.NewGuid().ToString("N") + ".onnx");
        OnnxExporter.Export(model, path, asFloat: false);
        return path;
    }
}
