using System.Runtime.CompilerServices;
using TinyNet.Activations;
using TinyNet.Host.Mnist;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Board;

/// <summary>Seeded 784-hidden-10 models of the shapes the profiles are about, and the test digits to run them on.</summary>
internal static class TestModels
{
    /// <summary>A float32 784-hidden-10 (tanh, softmax) model with seeded weights.</summary>
    public static Model Float(int hidden, uint seed = 1)
    {
        var rng = new Prng(seed);
        var first = new ModelLayer(784, hidden, Activation.TanhCode, WeightType.Float32, true);
        for (int i = 0; i < first.Weights.Length; i++) first.Weights[i] = rng.NextSymmetric(0.1f);
        for (int i = 0; i < hidden; i++) first.Biases[i] = rng.NextSymmetric(0.1f);
        var second = new ModelLayer(hidden, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < second.Weights.Length; i++) second.Weights[i] = rng.NextSymmetric(0.5f);
        for (int i = 0; i < 10; i++) second.Biases[i] = rng.NextSymmetric(0.1f);
        return new Model("mnist", [first, second]);
    }

    /// <summary>The int8 form of <see cref="Float"/>.</summary>
    public static Model Int8(int hidden, uint seed = 1) => Quantizer.Quantize(Float(hidden, seed));

    /// <summary>The real MNIST test set when tools/fetch-mnist.sh fetched it, else synthetic digits.</summary>
    public static MnistSet TestDigits(int count)
    {
        string? folder = RealMnistFolder();
        return folder != null ? MnistData.LoadTest(folder) : SyntheticDigits.Create(count, 2);
    }

    public static string? RealMnistFolder([CallerFilePath] string source = "")
    {
        // tests/TinyNet.Tests/Board/<this file> → repository root → data/mnist
        string root = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", ".."));
        string folder = Path.Combine(root, MnistData.DefaultRelativeFolder);
        return File.Exists(Path.Combine(folder, MnistData.TestImages)) ? folder : null;
    }
}
