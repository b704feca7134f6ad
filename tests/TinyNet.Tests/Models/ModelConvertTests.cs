using TinyNet.Tests.Engine;
using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Kernels;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Tests.Models;

/// <summary>Network ⇄ model: float copies are exact both ways; int8 layers come back dequantized.</summary>
public class ModelConvertTests
{
    private const int Batch = 5;

    /// <summary>784 → 24 → 12 → 10 with every kind of hidden activation, seeded weights and biases.</summary>
    private static Network Trained(uint seed, bool hasBias, ScalarKernels kernels)
    {
        var network = Network.Create(Batch, [784, 24, 12, 10], [new Tanh(), new Relu(), new Softmax()], new SoftmaxCrossEntropy(), hasBias, kernels);
        network.Initialize(seed);
        // Initialize leaves biases at zero; give them values so a lost bias would show.
        var rng = new Prng(seed + 1);
        for (int l = 0; hasBias && l < network.LayerCount; l++)
            for (int j = 0; j < network.Dense(l).Biases.Length; j++) network.Dense(l).Biases[j] = rng.NextSymmetric(0.3f);
        return network;
    }

    private static float[] Inputs(uint seed)
    {
        var rng = new Prng(seed);
        var inputs = new float[Batch * 784];
        for (int i = 0; i < inputs.Length; i++) inputs[i] = rng.NextFloat() < 0.3f ? rng.NextFloat() : 0f;
        return inputs;
    }

    public static TheoryData<bool, bool> BiasAndKernels => new() { { true, false }, { false, false }, { true, true } };

    [Theory]
    [MemberData(nameof(BiasAndKernels))]
    public void Float_network_to_model_and_back_gives_bit_identical_outputs(bool hasBias, bool vectorKernels)
    {
        ScalarKernels kernels = vectorKernels ? VectorKernels.Instance : new ScalarKernels();
        Network original = Trained(11, hasBias, kernels);
        Model model = ModelConvert.FromNetwork(original, "round-trip");

        Assert.Equal("round-trip", model.Name);
        Assert.False(model.IsQuantized);
        Assert.Equal(original.LayerCount, model.LayerCount);
        for (int l = 0; l < model.LayerCount; l++)
        {
            Assert.Equal(original.Dense(l).Activation.Code, model.Layer(l).ActivationCode);
            Assert.Equal(hasBias, model.Layer(l).HasBias);
            Assert.Equal(original.Dense(l).Weights, model.Layer(l).Weights);
        }

        Network back = ModelConvert.ToNetwork(model, Batch, new SoftmaxCrossEntropy(), kernels);
        Assert.Equal(original.ParameterCount, back.ParameterCount);
        float[] inputs = Inputs(12);
        float[] expected = (float[])original.Forward(inputs).Clone();
        float[] actual = back.Forward(inputs);
        Assert.Equal(expected.Select(BitConverter.SingleToInt32Bits), actual.Select(BitConverter.SingleToInt32Bits));
    }

    [Fact]
    public void Conversions_copy_so_training_one_side_leaves_the_other_alone()
    {
        Network original = Trained(21, true, new ScalarKernels());
        Model model = ModelConvert.FromNetwork(original, "copy");
        Network back = ModelConvert.ToNetwork(model, 1, new SoftmaxCrossEntropy(), new ScalarKernels());
        float kept = model.Layer(0).Weights[0];
        original.Dense(0).Weights[0] += 1f;
        back.Dense(0).Weights[0] -= 1f;
        back.Dense(0).Biases[0] -= 1f;
        Assert.Equal(kept, model.Layer(0).Weights[0]);
        Assert.NotEqual(back.Dense(0).Biases[0], model.Layer(0).Biases[0]);
    }

    [Fact]
    public void Int8_model_becomes_a_network_of_its_dequantized_weights()
    {
        Model quantized = Quantizer.Quantize(ModelConvert.FromNetwork(Trained(31, true, new ScalarKernels()), "q"));
        Network network = ModelConvert.ToNetwork(quantized, 1, new SoftmaxCrossEntropy(), new ScalarKernels());

        for (int l = 0; l < quantized.LayerCount; l++)
        {
            ModelLayer stored = quantized.Layer(l);
            for (int k = 0; k < stored.Inputs; k++)
                for (int j = 0; j < stored.Neurons; j++)
                    Assert.Equal(stored.QuantizedWeights[k * stored.Neurons + j] * stored.Scales[j], network.Dense(l).Weights[k * stored.Neurons + j]);
            Assert.Equal(stored.Biases, network.Dense(l).Biases);
            Assert.Equal(stored.ActivationCode, network.Dense(l).Activation.Code);
        }

        // Quantizing the dequantized network again gives back the same bytes.
        Model again = Quantizer.Quantize(ModelConvert.FromNetwork(network, "q"));
        for (int l = 0; l < quantized.LayerCount; l++)
        {
            Assert.Equal(quantized.Layer(l).QuantizedWeights, again.Layer(l).QuantizedWeights);
            for (int j = 0; j < quantized.Layer(l).Neurons; j++)
                Assert.Equal(quantized.Layer(l).Scales[j], again.Layer(l).Scales[j], quantized.Layer(l).Scales[j] * 1e-6f);
        }
    }

    [Fact]
    public void Dequantized_network_scores_what_the_int8_predictor_scores_up_to_rounding()
    {
        Model quantized = Quantizer.Quantize(ModelConvert.FromNetwork(Trained(41, true, new ScalarKernels()), "q"));
        Network network = ModelConvert.ToNetwork(quantized, 1, new SoftmaxCrossEntropy(), new ScalarKernels());
        var predictor = new Predictor(quantized, new ScalarKernels());
        var rng = new Prng(42);
        var pixels = new byte[784];
        var input = new float[784];
        for (int n = 0; n < 50; n++)
        {
            for (int i = 0; i < 784; i++) pixels[i] = rng.NextFloat() < 0.2f ? (byte)(1 + rng.NextInt(255)) : (byte)0;
            for (int i = 0; i < 784; i++) input[i] = pixels[i] * Predictor.PixelScale;
            int predicted = predictor.Predict(pixels, 0);
            float[] scores = network.Forward(input);
            for (int c = 0; c < 10; c++) Assert.Equal(predictor.Scores[c], scores[c], 1e-5f);
            Assert.Equal(predicted, network.Predict(input));
        }
    }
}
