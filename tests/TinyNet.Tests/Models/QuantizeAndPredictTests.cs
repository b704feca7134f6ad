using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Tests.Cli;

namespace TinyNet.Tests.Models;

/// <summary>The int8 path: quantization bounds, the Predictor against a plain float computation, files, CLI.</summary>
public class QuantizeAndPredictTests
{
    /// <summary>784 → hidden (tanh) → 10 (softmax), float32, with seeded weights of realistic size.</summary>
    private static Model FloatModel(uint seed, int hidden = 24)
    {
        var rng = new Prng(seed);
        var first = new ModelLayer(784, hidden, Activation.TanhCode, WeightType.Float32, true);
        for (int i = 0; i < first.Weights.Length; i++) first.Weights[i] = rng.NextSymmetric(0.1f);
        for (int j = 0; j < hidden; j++) first.Biases[j] = rng.NextSymmetric(0.2f);
        // One all-zero column: its scale must still be valid (> 0) and its weights exact.
        for (int k = 0; k < 784; k++) first.Weights[k * hidden + 3] = 0f;
        var second = new ModelLayer(hidden, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < second.Weights.Length; i++) second.Weights[i] = rng.NextSymmetric(1f);
        for (int j = 0; j < 10; j++) second.Biases[j] = rng.NextSymmetric(0.1f);
        return new Model("test", [first, second]);
    }

    private static byte[] Digit(Prng rng)
    {
        var pixels = new byte[784];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = rng.NextFloat() < 0.2f ? (byte)(1 + rng.NextInt(255)) : (byte)0;
        return pixels;
    }

    [Fact]
    public void Every_weight_is_within_half_a_step_of_its_float_and_biases_stay_float()
    {
        Model model = FloatModel(7);
        Model q = Quantizer.Quantize(model);
        Assert.True(q.IsQuantized);
        for (int l = 0; l < model.LayerCount; l++)
        {
            ModelLayer f = model.Layer(l), i8 = q.Layer(l);
            Assert.Equal(f.Biases, i8.Biases);
            for (int j = 0; j < f.Neurons; j++)
            {
                float largest = 0f;
                for (int k = 0; k < f.Inputs; k++) largest = Math.Max(largest, Math.Abs(f.Weights[k * f.Neurons + j]));
                Assert.True(i8.Scales[j] > 0f);
                if (largest > 0f) Assert.Equal(largest / 127f, i8.Scales[j]);
                for (int k = 0; k < f.Inputs; k++)
                {
                    int at = k * f.Neurons + j;
                    float error = Math.Abs(f.Weights[at] - i8.QuantizedWeights[at] * i8.Scales[j]);
                    Assert.True(error <= i8.Scales[j] / 2 * (1 + 1e-5f), $"layer {l} weight ({k},{j}): error {error}, scale {i8.Scales[j]}");
                    Assert.InRange(i8.QuantizedWeights[at], -127, 127);
                }
            }
        }
        Assert.All(Enumerable.Range(0, 784), k => Assert.Equal(0, q.Layer(0).QuantizedWeights[k * 24 + 3]));
    }

    [Theory]
    [InlineData(0.5f, 1)]
    [InlineData(-0.5f, -1)]
    [InlineData(1.49f, 1)]
    [InlineData(2.5f, 3)]
    [InlineData(-2.5f, -3)]
    [InlineData(126.6f, 127)]
    [InlineData(300f, 127)]
    [InlineData(-300f, -127)]
    public void Rounding_is_half_away_from_zero_and_clamped(float value, int expected) =>
        Assert.Equal(expected, Quantizer.RoundToLimit(value));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Int8_prediction_equals_dequantize_then_float(bool vector)
    {
        Model q = Quantizer.Quantize(FloatModel(11));
        // The straightforward reference: expand q · scale into a float model and run that.
        var expanded = new ModelLayer[q.LayerCount];
        for (int l = 0; l < q.LayerCount; l++)
        {
            ModelLayer s = q.Layer(l);
            var f = new ModelLayer(s.Inputs, s.Neurons, s.ActivationCode, WeightType.Float32, s.HasBias);
            for (int k = 0; k < s.Inputs; k++)
                for (int j = 0; j < s.Neurons; j++)
                    f.Weights[k * s.Neurons + j] = s.QuantizedWeights[k * s.Neurons + j] * s.Scales[j];
            Array.Copy(s.Biases, f.Biases, s.Neurons);
            expanded[l] = f;
        }
        ScalarKernels kernels = vector ? VectorKernels.Instance : new ScalarKernels();
        var int8 = new Predictor(q, kernels);
        var reference = new Predictor(new Model("expanded", expanded), new ScalarKernels());
        var rng = new Prng(3);
        for (int n = 0; n < 200; n++)
        {
            byte[] pixels = Digit(rng);
            int a = int8.Predict(pixels, 0), b = reference.Predict(pixels, 0);
            for (int c = 0; c < 10; c++) Assert.True(Math.Abs(int8.Scores[c] - reference.Scores[c]) < 1e-5f, $"sample {n} class {c}");
            if (a != b) Assert.True(Math.Abs(int8.Scores[a] - int8.Scores[b]) < 1e-5f, "classes differ beyond a near tie");
        }
    }

    [Fact]
    public void Vector_int8_kernel_agrees_with_the_scalar_one_on_awkward_shapes()
    {
        var rng = new Prng(5);
        foreach (int inner in new[] { 1, 7, 31, 784 })
        foreach (int cols in new[] { 1, 7, 8, 16, 31, 128, 1000 })
        foreach (int rows in new[] { 1, 3 })
        {
            var x = new float[rows * inner];
            for (int i = 0; i < x.Length; i++) x[i] = rng.NextFloat() < 0.3f ? 0f : rng.NextSymmetric(1f);
            var q = new sbyte[inner * cols];
            for (int i = 0; i < q.Length; i++) q[i] = (sbyte)(rng.NextInt(255) - 127);
            var scale = new float[cols];
            var b = new float[cols];
            for (int j = 0; j < cols; j++) { scale[j] = 0.001f + rng.NextFloat() * 0.01f; b[j] = rng.NextSymmetric(1f); }
            var expected = new float[rows * cols];
            var actual = new float[rows * cols];
            new ScalarKernels().MatMulInt8AddBias(x, q, scale, b, expected, rows, inner, cols);
            VectorKernels.Instance.MatMulInt8AddBias(x, q, scale, b, actual, rows, inner, cols);
            for (int i = 0; i < expected.Length; i++)
                Assert.True(Math.Abs(actual[i] - expected[i]) <= 1e-5f * Math.Max(1f, Math.Abs(expected[i])), $"{rows}x{inner}x{cols} at {i}: {actual[i]} vs {expected[i]}");
        }
    }

    [Fact]
    public void Predicting_allocates_nothing()
    {
        var predictor = new Predictor(Quantizer.Quantize(FloatModel(2)), VectorKernels.Instance);
        byte[] pixels = Digit(new Prng(1));
        predictor.Predict(pixels, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 1000; i++) predictor.Predict(pixels, 0);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Float_and_int8_files_round_trip_bit_exactly()
    {
        foreach (Model model in new[] { FloatModel(4), Quantizer.Quantize(FloatModel(4)) })
        {
            byte[] file = ModelFile.Write(model);
            Assert.Equal(ModelFile.FileBytes(model), file.Length);
            ModelReadResult read = ModelFile.Read(file, file.Length);
            Assert.True(read.Succeeded, read.Error);
            Assert.Equal(file, ModelFile.Write(read.Model));
        }
    }

    [Fact]
    public void Ram_estimate_counts_parameters_as_stored_and_the_buffers()
    {
        Model q = Quantizer.Quantize(FloatModel(1, hidden: 32));
        // int8 weights + float scales + float biases, then the first layer's int32 sums (it reads the
        // input bytes directly) and per-layer z and a buffers.
        long expected = 784 * 32 + 4 * 32 + 4 * 32 + 32 * 10 + 4 * 10 + 4 * 10 + 4 * 32 + 8 * 32 + 8 * 10;
        Assert.Equal(expected, Predictor.RequiredRamBytes(q));
        Assert.True(Predictor.RequiredRamBytes(FloatModel(1, hidden: 32)) > 3 * expected);
    }

    [Fact]
    public void Quantize_and_inspect_commands_write_report_and_refuse_bad_input()
    {
        string dir = Directory.CreateTempSubdirectory("tinynet-q").FullName;
        try
        {
            string floatPath = Path.Combine(dir, "m.tnn"), intPath = Path.Combine(dir, "m.q8.tnn");
            File.WriteAllBytes(floatPath, ModelFile.Write(FloatModel(9)));
            var empty = Directory.CreateDirectory(Path.Combine(dir, "nodata")).FullName;

            var quantize = CliProcess.RunIn(dir, "quantize", floatPath, "--out", intPath, "--data", dir);
            // --data given but holding no MNIST: one clear line, nothing written.
            Assert.NotEqual(0, quantize.ExitCode);
            Assert.Single(quantize.ErrorLines);
            Assert.False(File.Exists(intPath));

            quantize = CliProcess.RunIn(empty, "quantize", floatPath, "--out", intPath);
            Assert.Equal(0, quantize.ExitCode);
            Assert.Contains("int8", quantize.Output);
            ModelReadResult read = ModelFile.Read(File.ReadAllBytes(intPath), (int)new FileInfo(intPath).Length);
            Assert.True(read.Succeeded && read.Model.IsQuantized);

            var inspect = CliProcess.Run("inspect", intPath);
            Assert.Equal(0, inspect.ExitCode);
            Assert.Contains($"file size: {new FileInfo(intPath).Length} bytes", inspect.Output);
            Assert.Contains($"device RAM to run it: {Predictor.RequiredRamBytes(read.Model)} bytes", inspect.Output);

            byte[] corrupt = File.ReadAllBytes(intPath);
            corrupt[40] ^= 0x55;
            string corruptPath = Path.Combine(dir, "bad.tnn");
            File.WriteAllBytes(corruptPath, corrupt);
            foreach (var args in new[] { new[] { "inspect", corruptPath }, ["quantize", corruptPath, "--out", Path.Combine(dir, "x.tnn")] })
            {
                var bad = CliProcess.Run(args);
                Assert.Equal(1, bad.ExitCode);
                Assert.Single(bad.ErrorLines);
                Assert.Contains("is not a valid model file", bad.Error);
            }
            Assert.False(File.Exists(Path.Combine(dir, "x.tnn")));

            var noFolder = CliProcess.Run("quantize", floatPath, "--out", Path.Combine(dir, "missing", "q.tnn"));
            Assert.Equal(2, noFolder.ExitCode);
            Assert.Contains("does not exist", noFolder.Error);
            Assert.Empty(Directory.GetFiles(dir, "*.tmp"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
