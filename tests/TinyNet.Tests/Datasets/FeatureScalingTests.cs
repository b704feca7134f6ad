using TinyNet.Activations;
using TinyNet.Host.Datasets;
using TinyNet.Host.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Tests.Datasets;

public class FeatureScalingTests
{
    private static LabeledData RandomData(int count, int features, uint seed, int constantFeature = -1)
    {
        var random = new Prng(seed);
        var inputs = new float[count * features];
        for (int n = 0; n < count; n++)
            for (int f = 0; f < features; f++)
                // Features on very different scales and offsets, like raw sensor values.
                inputs[n * features + f] = f == constantFeature ? 9.81f : (f + 1) * 50f + (f % 3 + 1) * 20f * random.NextSymmetric(1f);
        var names = Enumerable.Range(0, features).Select(f => "f" + f).ToArray();
        return new LabeledData(inputs, new byte[count], names, ["a", "b", "c"], "random");
    }

    private static float[] Scores(Model model, float[] input)
    {
        var predictor = new Predictor(model, VectorKernels.Instance);
        predictor.Predict(input);
        return (float[])predictor.Scores.Clone();
    }

    [Fact]
    public void Folded_into_layer_one_it_gives_the_scores_of_standardizing_the_inputs_first()
    {
        const int features = 12;
        LabeledData data = RandomData(200, features, 3, constantFeature: 5);
        FeatureScaling scaling = FeatureScaling.Learn(data);
        Assert.Equal(1.0, scaling.Std[5]);   // a constant feature is divided by 1, not 0

        Network network = Network.Create(1, [features, 7, 3], [new Tanh(), new Softmax()], new SoftmaxCrossEntropy(), true, VectorKernels.Instance);
        network.Initialize(11);
        Model plain = ModelConvert.FromNetwork(network, "t", ["a", "b", "c"]);
        Model folded = scaling.Fold(plain);
        Assert.Equal(plain.ClassNames, folded.ClassNames);
        Assert.Same(plain.Layer(1), folded.Layer(1));

        float[] standardized = scaling.Apply(data);
        int compared = 0, sameClass = 0;
        for (int n = 0; n < data.Count; n++)
        {
            float[] raw = data.Inputs.AsSpan(n * features, features).ToArray();
            float[] scaled = standardized.AsSpan(n * features, features).ToArray();
            float[] expected = Scores(plain, scaled), actual = Scores(folded, raw);
            for (int j = 0; j < 3; j++) Assert.True(Math.Abs(expected[j] - actual[j]) < 1e-4f, $"sample {n} class {j}: {expected[j]} vs {actual[j]}");
            compared++;
            if (Array.IndexOf(expected, expected.Max()) == Array.IndexOf(actual, actual.Max())) sameClass++;
        }
        Assert.Equal(compared, sameClass);
    }

    [Fact]
    public void Standardized_training_features_have_mean_zero_and_std_one()
    {
        LabeledData data = RandomData(300, 4, 9);
        float[] standardized = FeatureScaling.Learn(data).Apply(data);
        for (int f = 0; f < 4; f++)
        {
            double[] column = Enumerable.Range(0, 300).Select(n => (double)standardized[n * 4 + f]).ToArray();
            double mean = column.Average();
            Assert.True(Math.Abs(mean) < 1e-4, $"feature {f} mean {mean}");
            Assert.True(Math.Abs(Math.Sqrt(column.Select(v => (v - mean) * (v - mean)).Average()) - 1) < 1e-4);
        }
    }

    [Fact]
    public void A_layer_without_bias_gets_one()
    {
        LabeledData data = RandomData(50, 3, 4);
        var layer = new ModelLayer(3, 2, Activation.TanhCode, WeightType.Float32, false);
        for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] = 0.1f * (i + 1);
        ModelLayer folded = FeatureScaling.Learn(data).FoldLayer(layer);
        Assert.True(folded.HasBias);
        Assert.NotEqual(0f, folded.Biases[0]);
    }
}
