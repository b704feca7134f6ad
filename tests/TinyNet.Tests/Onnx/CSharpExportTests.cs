using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using TinyNet.ApiCheck;
using TinyNet.Host.Onnx;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Models;
using TinyNet.Tests.ApiCheck;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Device;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// <c>tinynet export --format csharp</c>: the file compiles as C# 9 inside the device app with no
/// warning, passes the nanoFramework API check (IL and source), and its Load() gives back the model.
/// </summary>
public sealed class CSharpExportTests
{
    private static readonly Lazy<ApiList> Api = new(() => ApiList.Load(ApiList.DefaultPath));

    [Theory]
    [InlineData("seq_opset13_fold", true)]
    [InlineData("relu_sigmoid_linear", false)]
    public void Generated_file_is_nanoframework_safe_and_loads_the_same_model(string fixture, bool quantize)
    {
        Model model = OnnxFixtures.Import(fixture).Model;
        if (quantize) model = Quantizer.Quantize(model);
        string source = CSharpExporter.Source(model, fixture + ".tnn", "MyApp.Models", "DigitModel");

        using var compiled = NanoCompiler.Compile(NanoCompiler.AppProject, [source]);
        Assert.True(compiled.Diagnostics.IsEmpty, string.Join(Environment.NewLine, compiled.Diagnostics));
        var il = AssemblyChecker.Check(compiled.DllPath!, Api.Value, NanoProject.RepoRoot);
        Assert.True(il.IsClean, string.Join(Environment.NewLine, il.Violations));
        Assert.Contains("M:System.Runtime.CompilerServices.RuntimeHelpers.InitializeArray(System.Array,System.RuntimeFieldHandle)", il.Apis);
        Assert.Empty(ApiSymbols.Missing(compiled, Api.Value));

        Model loaded = LoadOnHost(source, "MyApp.Models.DigitModel");
        Assert.Equal(ModelFile.Write(model), ModelFile.Write(loaded));
        Assert.Contains($"// Size: {ModelFile.FileBytes(model)} bytes of model data", source);
        Assert.Contains($"the board needs {Predictor.RequiredRamBytes(model)} bytes of RAM", source);
    }

    [Fact]
    public void Cli_writes_the_file_named_after_its_class_and_refuses_a_bad_class_name()
    {
        using var dir = new TempFolder();
        string tnn = dir.File("m.tnn");
        ModelFiles.Save(OnnxFixtures.Import("keras_matmul_add").Model, tnn);
        string cs = dir.File("digit-model.cs");
        var result = CliProcess.Run("export", tnn, "--format", "csharp", "--out", cs);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("public static class DigitModel", File.ReadAllText(cs));
        Assert.Contains("namespace TinyNetModels", File.ReadAllText(cs));
        Assert.Contains($"holding {new FileInfo(tnn).Length} bytes of model", result.Output);

        var bad = CliProcess.Run("export", tnn, "--format", "csharp", "--out", dir.File("x.cs"), "--class", "2fast");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("tinynet: --class '2fast' is not a C# class name such as DigitModel", Assert.Single(bad.ErrorLines));
        Assert.False(File.Exists(dir.File("x.cs")));
    }

    // Compiles the generated file against the host's own engine and calls its Load().
    private static Model LoadOnHost(string source, string typeName)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp9));
        var references = new List<MetadataReference>(SnippetCompiler.NetReferences) { MetadataReference.CreateFromFile(typeof(Model).Assembly.Location) };
        var compilation = CSharpCompilation.Create("Exported" + Guid.NewGuid().ToString("N"), [tree], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var stream = new MemoryStream();
        var emit = compilation.Emit(stream);
        Assert.True(emit.Success, string.Join(Environment.NewLine, emit.Diagnostics));
        var assembly = Assembly.Load(stream.ToArray());
        return (Model)assembly.GetType(typeName)!.GetMethod("Load")!.Invoke(null, null)!;
    }
}
