using TinyNet.Activations;
using TinyNet.Checksums;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Tests.Link;

/// <summary>Small valid model files for link tests, with seeded random parameters.</summary>
public static class TestModels
{
    /// <summary>784 → hidden (int8, tanh) → 10 (float32, softmax): the shape the board runs for MNIST.</summary>
    public static Model Mnist(string name, uint seed, int hidden = 16)
    {
        var rng = new Prng(seed);
        var first = new ModelLayer(784, hidden, Activation.TanhCode, WeightType.Int8, true);
        for (int i = 0; i < first.QuantizedWeights.Length; i++)
        {
            first.QuantizedWeights[i] = (sbyte)(rng.NextInt(255) - 127);
        }
        for (int j = 0; j < hidden; j++)
        {
            first.Scales[j] = 0.001f + rng.NextFloat() * 0.01f;
            first.Biases[j] = rng.NextSymmetric(0.5f);
        }
        var second = new ModelLayer(hidden, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < second.Weights.Length; i++)
        {
            second.Weights[i] = rng.NextSymmetric(1f);
        }
        for (int j = 0; j < 10; j++)
        {
            second.Biases[j] = rng.NextSymmetric(0.1f);
        }
        return new Model(name, new[] { first, second });
    }

    public static byte[] MnistFile(string name, uint seed, int hidden = 16) => ModelFile.Write(Mnist(name, seed, hidden));

    /// <summary>Recomputes a file's trailing CRC after the test edited its content on purpose.</summary>
    public static void FixCrc(byte[] file)
    {
        uint crc = Crc32.Compute(file, 0, file.Length - 4);
        BitConverter.GetBytes(crc).CopyTo(file, file.Length - 4);
    }
}
