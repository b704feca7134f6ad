using System.Text.Json;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.OnnxRuntime;
using TinyNet.Host.Onnx;
using TinyNet.Kernels;
using TinyNet.Models;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// The models tools/onnx/make-fixtures.py wrote (copied next to the tests), their reference inputs
/// and outputs, and ONNX Runtime, the reference every comparison is made against.
/// </summary>
internal static class OnnxFixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Onnx", "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder, name + ".onnx");

    /// <summary>Every fixture TinyNet must import (the refused_* ones are for the refusal tests).</summary>
    public static TheoryData<string> Importable()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.onnx").Order(StringComparer.Ordinal))
        {
            string name = Path.GetFileNameWithoutExtension(file);
            if (!name.StartsWith("refused_", StringComparison.Ordinal)) data.Add(name);
        }
        return data;
    }

    /// <summary>The fixed inputs of a fixture (one row per sample) and what PyTorch or numpy computed for them.</summary>
    public sealed record Reference(int[] InputShape, float[][] Inputs, float[][] Outputs, JsonElement Root);

    public static Reference ReferenceOf(string name)
    {
        using var stream = File.OpenRead(Path.Combine(Folder, name + ".json"));
        var root = JsonDocument.Parse(stream).RootElement.Clone();
        return new Reference(
            root.GetProperty("input_shape").EnumerateArray().Select(e => e.GetInt32()).ToArray(),
            Rows(root.GetProperty("inputs")), Rows(root.GetProperty("outputs")), root);
    }

    private static float[][] Rows(JsonElement rows) =>
        rows.EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetSingle()).ToArray()).ToArray();

    /// <summary>
    /// Runs <paramref name="onnxPath"/> in ONNX Runtime on all samples at once; one output row per sample.
    /// <paramref name="level"/> is the runtime's default unless a test says otherwise: its extended
    /// optimizations turn DequantizeLinear + Gemm into a kernel that also quantizes the activations,
    /// which computes something else than the graph says (see OnnxExportTests).
    /// </summary>
    public static float[][] RunOnnxRuntime(string onnxPath, float[][] samples, int[] inputShape,
        GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL)
    {
        using var options = new SessionOptions { GraphOptimizationLevel = level };
        using var session = new InferenceSession(onnxPath, options);
        string inputName = session.InputMetadata.Keys.Single();
        var flat = samples.SelectMany(s => s).ToArray();
        var tensor = new DenseTensor<float>(flat, inputShape);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor(inputName, tensor)]);
        float[] output = results.Single().AsEnumerable<float>().ToArray();
        int per = output.Length / samples.Length;
        return Enumerable.Range(0, samples.Length).Select(i => output.AsSpan(i * per, per).ToArray()).ToArray();
    }

    /// <summary>TinyNet's outputs for each sample, fed as floats (the model's own inputs).</summary>
    public static float[][] RunTinyNet(Model model, float[][] samples)
    {
        var predictor = new Predictor(model, new ScalarKernels());
        return samples.Select(s => { predictor.Predict(s); return (float[])predictor.Scores.Clone(); }).ToArray();
    }

    /// <summary>The model an import makes of a fixture with the default scaling rules (metadata, else pixels / 255).</summary>
    public static OnnxImporter.Result Import(string name) =>
        OnnxImporter.Import(PathOf(name), metadata => InputScaling.Resolve(null, null, null, metadata));

    /// <summary>
    /// Asserts every value agrees within <paramref name="relative"/> of the larger magnitude, with an absolute
    /// floor of <paramref name="absolute"/> for values near zero (where a relative bound means nothing).
    /// Returns the largest relative difference seen among values above the floor.
    /// </summary>
    public static double AssertClose(float[][] expected, float[][] actual, double relative, double absolute, string what)
    {
        Assert.Equal(expected.Length, actual.Length);
        double worst = 0;
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.Equal(expected[i].Length, actual[i].Length);
            for (int j = 0; j < expected[i].Length; j++)
            {
                double e = expected[i][j], a = actual[i][j], size = Math.Max(Math.Abs(e), Math.Abs(a));
                double difference = Math.Abs(e - a);
                Assert.True(difference <= relative * size || difference <= absolute,
                    $"{what}: sample {i}, output {j}: {a:R} vs {e:R} (difference {difference:G3}, relative {difference / size:G3})");
                if (size > absolute) worst = Math.Max(worst, difference / size);
            }
        }
        return worst;
    }
}
