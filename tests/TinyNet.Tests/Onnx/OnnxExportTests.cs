using Microsoft.ML.OnnxRuntime;
using TinyNet.Host.Onnx;
using TinyNet.Host.Models;
using TinyNet.Host.Training;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// Exported models load in ONNX Runtime and give TinyNet's outputs within 1e-5 relative (float32, and
/// int8 both as DequantizeLinear and dequantized to float32); .tnn → .onnx → .tnn is bit-identical.
/// </summary>
public sealed class OnnxExportTests : IDisposable
{
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    public static TheoryData<string> Fixtures() => OnnxFixtures.Importable();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Float_and_int8_exports_run_in_onnx_runtime_and_match_tinynet(string name)
    {
        Model model = OnnxFixtures.Import(name).Model;
        var samples = Samples(model.Inputs, 6);
        foreach (var (variant, m, asFloat) in new[] { ("float32", model, false), ("int8", Quantizer.Quantize(model), false), ("int8 --float", Quantizer.Quantize(model), true) })
        {
            string path = _dir.File($"{name}.{variant.Replace(' ', '_')}.onnx");
            OnnxExporter.Export(m, path, asFloat);
            // The graph's own arithmetic: ONNX Runtime's basic optimizations (constant folding) only;
            // the extended ones rewrite DequantizeLinear + Gemm, see the next test.
            var level = variant == "int8" ? GraphOptimizationLevel.ORT_ENABLE_BASIC : GraphOptimizationLevel.ORT_ENABLE_ALL;
            float[][] runtime = OnnxFixtures.RunOnnxRuntime(path, samples, [samples.Length, m.Inputs], level);
            OnnxFixtures.AssertClose(runtime, OnnxFixtures.RunTinyNet(m, samples), 1e-5, 1e-6, $"{name} {variant}: TinyNet vs ONNX Runtime");
        }
    }

    [Fact]
    public void Int8_export_under_onnx_runtime_default_optimizations_gives_the_same_digits()
    {
        // With all optimizations (its default) ONNX Runtime fuses DequantizeLinear + Gemm into a kernel
        // that quantizes the activations too: scores move by about 1e-3 relative (measured: up to 1.5 %
        // on a 0.001 probability), so only the predicted digits are compared here; --float avoids it.
        Model int8 = Quantizer.Quantize(OnnxFixtures.Import("mnist_784_64_10").Model);
        string path = _dir.File("q.onnx");
        OnnxExporter.Export(int8, path, asFloat: false);
        var reference = OnnxFixtures.ReferenceOf("mnist_784_64_10");
        float[][] inputs = reference.Inputs.Select(row => row.Select(p => p / 255f).ToArray()).ToArray();
        float[][] runtime = OnnxFixtures.RunOnnxRuntime(path, inputs, [inputs.Length, 784]);
        float[][] tinyNet = OnnxFixtures.RunTinyNet(int8, inputs);
        for (int i = 0; i < inputs.Length; i++) Assert.Equal(ArgMax(tinyNet[i]), ArgMax(runtime[i]));
    }

    private static int ArgMax(float[] values) => Array.IndexOf(values, values.Max());

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Float_round_trip_through_onnx_is_bit_identical(string name)
    {
        Model model = OnnxFixtures.Import(name).Model;
        string onnx = _dir.File(name + ".onnx");
        OnnxExporter.Export(model, onnx, asFloat: false);
        var back = OnnxImporter.Import(onnx, metadata => InputScaling.Resolve(null, null, null, metadata));
        Assert.True(back.Scaling.IsIdentity);
        Assert.Equal(ModelFile.Write(model), ModelFile.Write(back.Model));
    }

    [Fact]
    public void Int8_export_holds_int8_weights_and_imports_back_to_their_float_values()
    {
        Model int8 = Quantizer.Quantize(OnnxFixtures.Import("mnist_784_64_10").Model);
        string q = _dir.File("q.onnx"), f = _dir.File("f.onnx");
        OnnxExporter.Export(int8, q, asFloat: false);
        OnnxExporter.Export(int8, f, asFloat: true);
        // 784×64 + 64×10 int8 weights instead of four bytes each.
        Assert.InRange(new FileInfo(q).Length, 50_000, 60_000);
        Assert.InRange(new FileInfo(f).Length, 200_000, 210_000);
        Model viaInt8 = OnnxImporter.Import(q, m => InputScaling.Resolve(null, null, null, m)).Model;
        Model viaFloat = OnnxImporter.Import(f, m => InputScaling.Resolve(null, null, null, m)).Model;
        Assert.Equal(ModelFile.Write(viaFloat), ModelFile.Write(viaInt8));
        // Quantizing the dequantized weights gives back the same bytes and scales.
        Assert.Equal(ModelFile.Write(int8), ModelFile.Write(Quantizer.Quantize(viaInt8)));
    }

    [Fact]
    public void Cli_export_writes_onnx_and_refuses_bad_arguments_in_one_line()
    {
        string tnn = _dir.File("m.tnn");
        ModelFiles.Save(OnnxFixtures.Import("seq_opset13_fold").Model, tnn);
        string onnx = _dir.File("m.onnx");
        var result = CliProcess.Run("export", tnn, "--out", onnx);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("ONNX opset 13, float32 weights", result.Output);
        var back = CliProcess.Run("import", onnx, "--out", _dir.File("back.tnn"));
        Assert.True(back.ExitCode == 0, back.Error);
        Assert.Equal(File.ReadAllBytes(tnn), File.ReadAllBytes(_dir.File("back.tnn")));

        var wrongFormat = CliProcess.Run("export", tnn, "--out", _dir.File("x"), "--format", "tflite");
        Assert.Equal(2, wrongFormat.ExitCode);
        Assert.Single(wrongFormat.ErrorLines);
        var missing = CliProcess.Run("export", _dir.File("none.tnn"), "--out", _dir.File("y.onnx"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Equal($"tinynet: {_dir.File("none.tnn")} does not exist", Assert.Single(missing.ErrorLines));
        Assert.False(File.Exists(_dir.File("x")) || File.Exists(_dir.File("y.onnx")));
    }

    // Values in [0, 1) as pixels / 255 are, from a fixed seed.
    private static float[][] Samples(int inputs, int count)
    {
        var random = new Random(7);
        return Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, inputs).Select(_ => random.Next(256) / 255f).ToArray()).ToArray();
    }
}
