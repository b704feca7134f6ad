using TinyNet.Activations;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Tests.Link;

public class PredictTests
{
    /// <summary>The model's outputs computed independently, in double precision, straight from the stored parameters.</summary>
    private static double[] Reference(Model model, byte[] pixels)
    {
        double[] x = pixels.Select(p => p / 255.0).ToArray();
        for (int l = 0; l < model.LayerCount; l++)
        {
            ModelLayer layer = model.Layer(l);
            var z = new double[layer.Neurons];
            for (int j = 0; j < layer.Neurons; j++)
            {
                double sum = layer.HasBias ? layer.Biases[j] : 0;
                for (int k = 0; k < layer.Inputs; k++)
                {
                    double w = layer.IsQuantized
                        ? layer.QuantizedWeights[k * layer.Neurons + j] * (double)layer.Scales[j]
                        : layer.Weights[k * layer.Neurons + j];
                    sum += x[k] * w;
                }
                z[j] = sum;
            }
            x = layer.ActivationCode switch
            {
                Activation.TanhCode => z.Select(Math.Tanh).ToArray(),
                Activation.SigmoidCode => z.Select(v => 1 / (1 + Math.Exp(-v))).ToArray(),
                Activation.ReluCode => z.Select(v => Math.Max(0, v)).ToArray(),
                Activation.SoftmaxCode => Softmax(z),
                Activation.IdentityCode => z,
                // The point is an independent reference: a new activation needs its formula here.
                int code => throw new InvalidOperationException($"no reference formula for activation code {code}; add one to PredictTests.Reference"),
            };
        }
        return x;
    }

    private static double[] Softmax(double[] z)
    {
        double max = z.Max();
        double[] e = z.Select(v => Math.Exp(v - max)).ToArray();
        double sum = e.Sum();
        return e.Select(v => v / sum).ToArray();
    }

    [Fact]
    public void TheBoardPredictsWhatTheStoredModelComputes()
    {
        using var rig = new LinkRig();
        Model model = TestModels.Mnist("predict", 5, hidden: 32);
        byte[] file = ModelFile.Write(model);
        rig.Client.Upload(file, file.Length, null);

        var rng = new Prng(77);
        var pixels = new byte[784];
        for (int t = 0; t < 50; t++)
        {
            for (int i = 0; i < pixels.Length; i++)
            {
                pixels[i] = rng.NextInt(3) == 0 ? (byte)rng.NextInt(256) : (byte)0; // sparse, like a digit
            }
            Prediction p = rig.Client.Predict(pixels, 0, pixels.Length);
            double[] expected = Reference(model, pixels);
            Assert.Equal(10, p.Scores.Length);
            for (int j = 0; j < 10; j++)
            {
                Assert.True(Math.Abs(expected[j] - p.Scores[j]) < 1e-5, $"image {t}, class {j}: {p.Scores[j]} vs {expected[j]}");
            }
            Assert.Equal(Array.IndexOf(p.Scores, p.Scores.Max()), p.Class);
            Assert.True(p.Microseconds >= 0);
        }
    }

    [Fact]
    public void PredictionsSurviveARebootAndANewUpload()
    {
        using var rig = new LinkRig();
        byte[] a = TestModels.MnistFile("a", 1);
        byte[] b = TestModels.MnistFile("b", 2);
        var pixels = Enumerable.Range(0, 784).Select(i => (byte)(i * 7)).ToArray();
        rig.Client.Upload(a, a.Length, null);
        float[] first = rig.Client.Predict(pixels, 0, 784).Scores;
        rig.Reboot();
        Assert.Equal(first, rig.Client.Predict(pixels, 0, 784).Scores);
        rig.Client.Upload(b, b.Length, null);
        float[] second = rig.Client.Predict(pixels, 0, 784).Scores;
        Assert.NotEqual(first, second);
        double[] expected = Reference(TestModels.Mnist("b", 2), pixels);
        Assert.True(expected.Zip(second, (e, s) => Math.Abs(e - s)).Max() < 1e-5);
    }
}
