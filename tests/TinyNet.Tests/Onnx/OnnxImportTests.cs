using TinyNet.Activations;
using TinyNet.Host.Onnx;
using TinyNet.Host.Training;
using TinyNet.Host;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// Every generated fixture (PyTorch at opsets 11-17 with and without constant folding, Keras-style
/// MatMul + Add, float16/float64 weights, Gemm's transA/transB/alpha/beta) imports, and TinyNet's
/// outputs equal ONNX Runtime's on the fixture's inputs within 1e-5 relative.
/// </summary>
public sealed class OnnxImportTests
{
    // ONNX Runtime sums in another order (and with FMA): values agree to 1e-5 of their size; below
    // 1e-6 in absolute terms (a tanh near 0) a relative bound means nothing, so that is the floor.
    private const double Relative = 1e-5, Absolute = 1e-6;

    public static TheoryData<string> Fixtures() => OnnxFixtures.Importable();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Imported_model_matches_onnx_runtime_and_the_exporters_reference(string name)
    {
        var reference = OnnxFixtures.ReferenceOf(name);
        var result = OnnxFixtures.Import(name);
        float[][] onnxInputs = reference.Inputs, tinyNetOutputs;
        if (name.StartsWith("mnist", StringComparison.Ordinal))
        {
            // Raw pixels: TinyNet feeds them as the board does (pixel / 255); ONNX sees them normalized.
            Assert.False(result.Scaling.IsIdentity);
            onnxInputs = reference.Inputs.Select(row => row.Select(p => (float)((p * result.Scaling.Scale - result.Scaling.Mean) / result.Scaling.Std)).ToArray()).ToArray();
            var predictor = new Predictor(result.Model, new ScalarKernels());
            tinyNetOutputs = reference.Inputs.Select(row => { predictor.Predict(row.Select(p => (byte)p).ToArray(), 0); return (float[])predictor.Scores.Clone(); }).ToArray();
        }
        else
        {
            Assert.True(result.Scaling.IsIdentity);
            tinyNetOutputs = OnnxFixtures.RunTinyNet(result.Model, reference.Inputs);
        }
        float[][] runtime = OnnxFixtures.RunOnnxRuntime(OnnxFixtures.PathOf(name), onnxInputs, reference.InputShape);
        OnnxFixtures.AssertClose(runtime, tinyNetOutputs, Relative, Absolute, $"{name}: TinyNet vs ONNX Runtime");
        // The reference outputs PyTorch/numpy saved agree too (float32 arithmetic in a third order).
        OnnxFixtures.AssertClose(reference.Outputs, runtime, 1e-4, 1e-5, $"{name}: ONNX Runtime vs the saved reference");
    }

    [Fact]
    public void Every_opset_from_11_to_17_with_and_without_constant_folding_is_a_fixture()
    {
        var names = Directory.GetFiles(OnnxFixtures.Folder, "*.onnx").Select(Path.GetFileNameWithoutExtension).ToHashSet();
        for (int opset = 11; opset <= 17; opset++)
        {
            Assert.Contains($"seq_opset{opset}_fold", names);
            Assert.Contains($"seq_opset{opset}_nofold", names);
        }
        Assert.Contains("keras_matmul_add", names);
        Assert.Contains("matmul_transposed_nofold", names);
    }

    [Fact]
    public void The_pytorch_sequential_becomes_flatten_free_dense_layers_with_its_activations()
    {
        Model model = OnnxFixtures.Import("seq_opset11_nofold").Model;
        Assert.Equal(2, model.LayerCount);
        Assert.Equal((12, 8, Activation.TanhCode, true), (model.Layer(0).Inputs, model.Layer(0).Neurons, model.Layer(0).ActivationCode, model.Layer(0).HasBias));
        Assert.Equal((8, 4, Activation.SoftmaxCode), (model.Layer(1).Inputs, model.Layer(1).Neurons, model.Layer(1).ActivationCode));
        Model relu = OnnxFixtures.Import("relu_sigmoid_linear").Model;
        Assert.Equal([Activation.ReluCode, Activation.SigmoidCode, Activation.IdentityCode],
            Enumerable.Range(0, relu.LayerCount).Select(i => relu.Layer(i).ActivationCode));
    }

    [Fact]
    public void Mnist_fixture_scaling_comes_from_metadata_and_the_command_line_overrides_it()
    {
        var fromMetadata = OnnxFixtures.Import("mnist_784_64_10").Scaling;
        Assert.Equal(new InputScaling(1.0 / 255.0, 0.1307, 0.3081), fromMetadata);
        var overridden = OnnxImporter.Import(OnnxFixtures.PathOf("mnist_784_64_10"), m => InputScaling.Resolve(null, 0.0, 1.0, m)).Scaling;
        Assert.Equal(InputScaling.Default, overridden);
        Assert.True(overridden.IsIdentity);
    }

    [Fact]
    public void Folding_is_exact_arithmetic_on_a_hand_checked_layer()
    {
        // ONNX input x' = (p·0.5 − 2) / 4 and TinyNet input x = p/255: x' = x·(255·0.5/4) − 0.5.
        var layer = new ModelLayer(2, 1, Activation.IdentityCode, WeightType.Float32, false);
        layer.Weights[0] = 1f;
        layer.Weights[1] = 3f;
        var folded = new InputScaling(0.5, 2, 4).Fold(layer);
        Assert.Equal([31.875f, 95.625f], folded.Weights);
        Assert.True(folded.HasBias);
        Assert.Equal([-2f], folded.Biases);   // −0.5 × (1 + 3)
    }

    [Fact]
    public void Cli_import_writes_the_same_model_and_reports_the_folded_scaling()
    {
        using var dir = new TempFolder();
        string output = dir.File("mnist.tnn");
        var result = CliProcess.Run("import", OnnxFixtures.PathOf("mnist_784_64_10"), "--out", output);
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("folded into layer 1", result.Output);
        Assert.Contains("parameters: 50890", result.Output);
        Assert.Equal(ModelFile.Write(OnnxFixtures.Import("mnist_784_64_10").Model), File.ReadAllBytes(output));

        // --input-scale accepts a fraction; these values make the fold a no-op.
        string plain = dir.File("plain.tnn");
        var noFold = CliProcess.Run("import", OnnxFixtures.PathOf("mnist_784_64_10"), "--out", plain, "--input-scale", "1/255", "--input-mean", "0", "--input-std", "1");
        Assert.True(noFold.ExitCode == 0, noFold.Error);
        Assert.Contains("nothing folded", noFold.Output);

        var bad = CliProcess.Run("import", OnnxFixtures.PathOf("mnist_784_64_10"), "--out", dir.File("bad.tnn"), "--input-std", "0");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal("tinynet: the input std must be a positive number such as 0.3081, not 0", Assert.Single(bad.ErrorLines));
        Assert.False(File.Exists(dir.File("bad.tnn")));
    }
}
