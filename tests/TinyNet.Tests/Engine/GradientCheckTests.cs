using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

/// <summary>
/// Backpropagation against finite differences: for every registered activation × loss, and for a 3-layer
/// network of random shape, the engine's dL/dW and dL/dB match (L(θ+ε) − L(θ−ε)) / 2ε.
/// </summary>
/// <remarks>
/// The losses are evaluated by the engine in float (≈ 6e-8 relative), so a small ε drowns in rounding
/// (∝ 1e-7/ε) and a large one in truncation (∝ ε²). Richardson extrapolation, (4·D(ε/2) − D(ε)) / 3,
/// cancels the ε² term, so ε = 0.1 works and rounding stays near 1e-5 of the loss. Relative error
/// is |a − n| / max(|a| + |n|, 1e-2): the floor keeps gradients far smaller than the loss from
/// dividing that rounding noise by ~0.
/// Outputs are kept inside (0, 1) (biases 0.5, small weights) so every loss is defined for every
/// activation, cross-entropy and logistic included; ReLU inputs stay away from its kink at 0.
/// </remarks>
public class GradientCheckTests
{
    private const float Epsilon = 0.1f;
    private const double Tolerance = 1e-3;

    public static TheoryData<string, string> Combinations()
    {
        var data = new TheoryData<string, string>();
        // Every registered activation with every registered loss (identity, tanh, sigmoid,
        // softmax, relu × squared, half-squared, mse, cross-entropy, logistic, and any added later).
        for (int a = 0; a < ActivationCatalog.Count; a++)
            for (int l = 0; l < LossCatalog.Count; l++)
                data.Add(ActivationCatalog.At(a).Name, LossCatalog.At(l).Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public void One_layer_gradients_match_finite_differences(string activationName, string lossName)
    {
        const int batch = 3, inputs = 4, neurons = 5;
        Activation activation = Activation.FromName(activationName);
        Loss loss = Loss.FromName(lossName);
        Network network = Network.Create(batch, [inputs, neurons], [activation], loss, true, new ScalarKernels());
        var rng = new Prng(17);
        DenseLayer layer = network.Dense(0);
        for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] = rng.NextSymmetric(0.1f);
        for (int j = 0; j < neurons; j++) layer.Biases[j] = 0.5f;
        float[] x = RandomArray(rng, batch * inputs, 1f);
        float[] target = Targets(rng, lossName, batch, neurons);
        CheckNetwork(network, x, target, $"{activationName} × {lossName}");
    }

    [Theory]
    [InlineData(1u)]
    [InlineData(2u)]
    [InlineData(3u)]
    [InlineData(4u)]
    [InlineData(5u)]
    [InlineData(6u)]
    [InlineData(7u)]
    [InlineData(8u)]
    public void Three_layer_network_of_random_shape_matches_finite_differences(uint seed)
    {
        var rng = new Prng(seed);
        int batch = 1 + rng.NextInt(4);
        int[] sizes = [2 + rng.NextInt(6), 2 + rng.NextInt(6), 2 + rng.NextInt(6), 2 + rng.NextInt(5)];
        Activation[] activations = [new Tanh(), new Sigmoid(), new Softmax()];
        Network network = Network.Create(batch, sizes, activations, new SoftmaxCrossEntropy(), true, new ScalarKernels());
        network.Initialize(seed);
        for (int l = 0; l < 3; l++)
        {
            DenseLayer layer = network.Dense(l);
            for (int j = 0; j < layer.Biases.Length; j++) layer.Biases[j] = rng.NextSymmetric(0.3f);
        }
        float[] x = RandomArray(rng, batch * sizes[0], 1f);
        float[] target = Targets(rng, "cross-entropy", batch, sizes[3]);
        CheckNetwork(network, x, target, $"{string.Join('-', sizes)} batch {batch}");
    }

    private static void CheckNetwork(Network network, float[] x, float[] target, string what)
    {
        network.Forward(x);
        network.Backward(target);
        for (int l = 0; l < network.LayerCount; l++)
        {
            DenseLayer layer = network.Dense(l);
            float[] weightGradients = (float[])layer.WeightGradients.Clone();
            float[] biasGradients = (float[])layer.BiasGradients.Clone();
            for (int i = 0; i < layer.Weights.Length; i++)
                Check(Numeric(network, layer.Weights, i, x, target), weightGradients[i], $"{what}: layer {l} dL/dW[{i}]");
            for (int j = 0; j < layer.Biases.Length; j++)
                Check(Numeric(network, layer.Biases, j, x, target), biasGradients[j], $"{what}: layer {l} dL/dB[{j}]");
        }
    }

    private static double Numeric(Network network, float[] parameters, int index, float[] x, float[] target) =>
        (4 * Central(network, parameters, index, x, target, Epsilon / 2) - Central(network, parameters, index, x, target, Epsilon)) / 3;

    private static double Central(Network network, float[] parameters, int index, float[] x, float[] target, float epsilon)
    {
        float saved = parameters[index];
        parameters[index] = saved + epsilon;
        network.Forward(x);
        double up = network.LossValue(target);
        parameters[index] = saved - epsilon;
        network.Forward(x);
        double down = network.LossValue(target);
        parameters[index] = saved;
        // The step actually taken, after float rounding of saved ± ε.
        return (up - down) / ((double)(saved + epsilon) - (saved - epsilon));
    }

    private static void Check(double numeric, float analytic, string what)
    {
        double error = Math.Abs(analytic - numeric) / Math.Max(Math.Abs(analytic) + Math.Abs(numeric), 1e-2);
        Assert.True(error < Tolerance, $"{what}: backprop {analytic}, finite difference {numeric}, relative error {error:E2}");
    }

    private static float[] RandomArray(Prng rng, int n, float limit)
    {
        var a = new float[n];
        for (int i = 0; i < n; i++) a[i] = rng.NextSymmetric(limit);
        return a;
    }

    // One-hot rows for cross-entropy, 0/1 labels for the logistic loss, any values otherwise.
    private static float[] Targets(Prng rng, string loss, int batch, int outputs)
    {
        var target = new float[batch * outputs];
        for (int r = 0; r < batch; r++)
        {
            if (loss == "cross-entropy") target[r * outputs + rng.NextInt(outputs)] = 1f;
            else
                for (int j = 0; j < outputs; j++)
                    target[r * outputs + j] = loss == "logistic" ? rng.NextInt(2) : rng.NextSymmetric(1f);
        }
        return target;
    }
}
