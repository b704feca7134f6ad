using TinyNet.FineTuning;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Tests.FineTuning;

public sealed class OutputLayerTunerTests
{
    // Plain SGD on softmax cross-entropy, written out in double: h = frozen layers' output,
    // p = softmax(h·W + b), W -= lr · hᵀ(p − y), b -= lr · (p − y).
    private static void ReferenceStep(double[] w, double[] b, float[] h, int label, double lr, int classes)
    {
        var z = new double[classes];
        for (int j = 0; j < classes; j++)
        {
            z[j] = b[j];
            for (int k = 0; k < h.Length; k++) z[j] += h[k] * w[k * classes + j];
        }
        double max = z.Max();
        double sum = z.Sum(v => Math.Exp(v - max));
        for (int j = 0; j < classes; j++)
        {
            double g = Math.Exp(z[j] - max) / sum - (j == label ? 1 : 0);
            b[j] -= lr * g;
            for (int k = 0; k < h.Length; k++) w[k * classes + j] -= lr * g * h[k];
        }
    }

    [Fact]
    public void Steps_match_sgd_written_out_by_hand()
    {
        Model model = FineTuningModels.Float(12, 6, 4, seed: 5);
        byte[] pixels = FineTuningModels.Pixels(20, 12, seed: 6);
        var tuner = new OutputLayerTuner(model, 8, new ScalarKernels());
        ModelLayer last = model.Layer(1);
        double[] w = last.Weights.Select(v => (double)v).ToArray();
        double[] b = last.Biases.Select(v => (double)v).ToArray();
        var frozen = new Predictor(new Model("frozen", [model.Layer(0)]), new ScalarKernels());
        for (int n = 0; n < 20; n++)
        {
            int label = n % 4;
            tuner.Train(pixels, n * 12, label, 0.3f);
            frozen.Predict(pixels, n * 12);
            ReferenceStep(w, b, frozen.Scores, label, 0.3, 4);
        }
        for (int i = 0; i < w.Length; i++) Assert.Equal(w[i], tuner.OutputLayer.Weights[i], 1e-5);
        for (int j = 0; j < b.Length; j++) Assert.Equal(b[j], tuner.OutputLayer.Biases[j], 1e-5);
        Assert.Equal(20, tuner.Seen);
        // The stored model is untouched: only the copy trains.
        Assert.Equal(model.Layer(1).Weights, FineTuningModels.Float(12, 6, 4, seed: 5).Layer(1).Weights);
    }

    [Fact]
    public void An_int8_output_layer_starts_from_its_dequantized_weights_and_predicts_like_the_stored_model()
    {
        Model model = Quantizer.Quantize(FineTuningModels.Float(12, 6, 4, seed: 7));
        var tuner = new OutputLayerTuner(model, 4, new ScalarKernels());
        ModelLayer last = model.Layer(1);
        for (int k = 0; k < 6; k++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(last.QuantizedWeights[k * 4 + j] * last.Scales[j], tuner.OutputLayer.Weights[k * 4 + j]);
        var stored = new Predictor(model, new ScalarKernels());
        byte[] pixels = FineTuningModels.Pixels(30, 12, seed: 8);
        for (int n = 0; n < 30; n++)
        {
            Assert.Equal(stored.Predict(pixels, n * 12), tuner.Predict(pixels, n * 12));
            for (int j = 0; j < 4; j++) Assert.Equal(stored.Scores[j], tuner.Scores[j], 1e-5f);
        }
    }

    [Fact]
    public void Revert_restores_the_stored_layer_and_forgets_samples()
    {
        Model model = FineTuningModels.Float(12, 6, 4, seed: 9);
        byte[] pixels = FineTuningModels.Pixels(5, 12, seed: 10);
        var tuner = new OutputLayerTuner(model, 4, new ScalarKernels());
        for (int n = 0; n < 5; n++)
        {
            tuner.Train(pixels, n * 12, 1, 0.5f);
            tuner.Samples.Add(pixels, n * 12, 1);
        }
        Assert.NotEqual(model.Layer(1).Weights, tuner.OutputLayer.Weights);
        Assert.Equal(4, tuner.Samples.Count);
        tuner.Revert();
        Assert.Equal(model.Layer(1).Weights, tuner.OutputLayer.Weights);
        Assert.Equal(model.Layer(1).Biases, tuner.OutputLayer.Biases);
        Assert.Equal(0, tuner.Samples.Count);
        Assert.Equal(0, tuner.Seen);
    }

    [Fact]
    public void Training_and_predicting_allocate_nothing()
    {
        Model model = Quantizer.Quantize(FineTuningModels.Float(784, 16, 10, seed: 11));
        byte[] pixels = FineTuningModels.Pixels(8, 784, seed: 12);
        var tuner = new OutputLayerTuner(model, 8, new ScalarKernels());
        for (int n = 0; n < 8; n++) tuner.Samples.Add(pixels, n * 784, n % 10);
        tuner.Train(pixels, 0, 3, 0.1f); // warm-up (JIT)
        tuner.Predict(pixels, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int round = 0; round < 20; round++)
            for (int i = 0; i < tuner.Samples.Count; i++)
            {
                tuner.Train(tuner.Samples.Pixels, tuner.Samples.Offset(i), tuner.Samples.Label(i), 0.1f);
                tuner.Predict(pixels, i * 784);
            }
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Memory_comes_from_the_size_functions_and_a_small_heap_is_refused_with_the_numbers()
    {
        Model model = Quantizer.Quantize(FineTuningModels.Float(784, 16, 10, seed: 13));
        int expected = DenseLayer.TrainingBytes(16, 10, 1) + 2 * 4 * 10 + 4 * 784 + 2 * 4 * 16 + 32 * 785
                       + ModelFormat.LayerPayloadBytes(16, 10, WeightType.Float32, true)
                       + ModelFormat.LayerPayloadBytes(16, 10, WeightType.Int8, true) + OutputLayerTuner.WriteBlockBytes;
        Assert.Equal(expected, OutputLayerTuner.RequiredBytes(model, 32));
        long running = Predictor.RequiredRamBytes(model);
        Assert.Null(OutputLayerTuner.Refusal(model, (int)running + expected, 32));
        string? refusal = OutputLayerTuner.Refusal(model, (int)running + expected - 1, 32);
        Assert.NotNull(refusal);
        Assert.Contains(expected.ToString(), refusal);
        Assert.Contains(running.ToString(), refusal);
    }

    [Fact]
    public void The_adapted_model_keeps_the_stored_weight_type()
    {
        Model int8 = Quantizer.Quantize(FineTuningModels.Float(12, 6, 4, seed: 14));
        Model f32 = FineTuningModels.Float(12, 6, 4, seed: 14);
        byte[] pixels = FineTuningModels.Pixels(1, 12, seed: 15);
        foreach (Model model in new[] { int8, f32 })
        {
            var tuner = new OutputLayerTuner(model, 2, new ScalarKernels());
            tuner.Train(pixels, 0, 2, 0.5f);
            Model adapted = tuner.AdaptedModel();
            Assert.Equal(model.Layer(1).WeightType, adapted.Layer(1).WeightType);
            Assert.Same(model.Layer(0), adapted.Layer(0));
            Assert.Equal(ModelFile.FileBytes(model), ModelFile.FileBytes(adapted));
            if (!model.IsQuantized) Assert.Equal(tuner.OutputLayer.Weights, adapted.Layer(1).Weights);
        }
    }

    [Fact]
    public void A_model_without_a_softmax_output_cannot_be_fine_tuned()
    {
        var layer = new ModelLayer(4, 2, TinyNet.Activations.Activation.SigmoidCode, WeightType.Float32, true);
        string? problem = OutputLayerTuner.Unsupported(new Model("s", [layer]));
        Assert.Contains("softmax", problem);
    }
}

public sealed class SampleBufferTests
{
    [Fact]
    public void A_full_buffer_replaces_the_oldest_sample()
    {
        var buffer = new SampleBuffer(3, 2);
        for (int n = 0; n < 5; n++) buffer.Add([(byte)n, (byte)(n + 100)], 0, n);
        Assert.Equal(3, buffer.Count);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(i + 2, buffer.Label(i));
            Assert.Equal(i + 2, buffer.Pixels[buffer.Offset(i)]);
            Assert.Equal(i + 102, buffer.Pixels[buffer.Offset(i) + 1]);
        }
    }
}
