using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Tests.FineTuning;

/// <summary>Small seeded models and samples for the fine-tuning tests.</summary>
public static class FineTuningModels
{
    /// <summary>inputs → hidden (ReLU) → classes (softmax), float32 weights drawn from the seed.</summary>
    public static Model Float(int inputs, int hidden, int classes, uint seed)
    {
        var random = new Prng(seed);
        var first = new ModelLayer(inputs, hidden, Activation.ReluCode, WeightType.Float32, true);
        var last = new ModelLayer(hidden, classes, Activation.SoftmaxCode, WeightType.Float32, true);
        foreach (var layer in new[] { first, last })
        {
            for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] = random.NextSymmetric(0.5f);
            for (int i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = random.NextSymmetric(0.1f);
        }
        return new Model("tiny", [first, last]);
    }

    /// <summary><paramref name="count"/> random byte inputs of <paramref name="inputs"/> values each.</summary>
    public static byte[] Pixels(int count, int inputs, uint seed)
    {
        var random = new Prng(seed);
        var pixels = new byte[count * inputs];
        for (int i = 0; i < pixels.Length; i++) pixels[i] = (byte)random.NextInt(256);
        return pixels;
    }
}
