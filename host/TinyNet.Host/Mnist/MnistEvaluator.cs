using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Host.Training;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Host.Mnist;

/// <summary>How a model classified a labelled set.</summary>
/// <param name="Correct">Samples classified correctly.</param>
/// <param name="Count">Samples evaluated.</param>
/// <param name="Confusion">classes × classes counts, row = actual digit, column = predicted digit.</param>
public sealed record MnistEvaluation(int Correct, int Count, int[] Confusion)
{
    /// <summary>Fraction classified correctly, 0–1.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Samples of digit <paramref name="actual"/>.</summary>
    public int ClassCount(int actual)
    {
        int n = 0;
        for (int p = 0; p < MnistSet.Classes; p++) n += Confusion[actual * MnistSet.Classes + p];
        return n;
    }

    /// <summary>Fraction of digit <paramref name="actual"/> classified correctly (0 when the set has none).</summary>
    public double ClassAccuracy(int actual)
    {
        int n = ClassCount(actual);
        return n == 0 ? 0 : (double)Confusion[actual * MnistSet.Classes + actual] / n;
    }
}

/// <summary>Measures a model (float or int8) on an MNIST set, e.g. the test set after training or quantizing.</summary>
public static class MnistEvaluator
{
    /// <summary>Fraction of <paramref name="set"/> the model classifies correctly, 0–1.</summary>
    public static double Accuracy(Model model, MnistSet set) => Evaluate(model, set).Accuracy;

    /// <summary>Accuracy and confusion matrix of the model on the set.</summary>
    public static MnistEvaluation Evaluate(Model model, MnistSet set)
    {
        if (model.Inputs != MnistSet.PixelsPerImage || model.Outputs != MnistSet.Classes)
            throw new UserError($"the model takes {model.Inputs} inputs and gives {model.Outputs} outputs; an MNIST model needs {MnistSet.PixelsPerImage} and {MnistSet.Classes}");
        var confusion = new int[MnistSet.Classes * MnistSet.Classes];
        if (model.IsQuantized)
        {
            // The board's own path: the shared Predictor multiplies the stored int8 bytes directly.
            var predictor = new Predictor(model, VectorKernels.Instance);
            for (int n = 0; n < set.Count; n++)
                confusion[set.Labels[n] * MnistSet.Classes + predictor.Predict(set.Pixels, n * MnistSet.PixelsPerImage)]++;
        }
        else
        {
            Network network = ToNetwork(model);
            new NetworkEvaluator(network).Accuracy(network, MnistInputs.Scale(set), set.Labels, confusion);
        }
        int correct = 0;
        for (int c = 0; c < MnistSet.Classes; c++) correct += confusion[c * MnistSet.Classes + c];
        return new MnistEvaluation(correct, set.Count, confusion);
    }

    /// <summary>A float model as an engine network (what training measured accuracy with).</summary>
    private static Network ToNetwork(Model model)
    {
        var layers = new DenseLayer[model.LayerCount];
        for (int i = 0; i < layers.Length; i++)
        {
            ModelLayer m = model.Layer(i);
            var layer = new DenseLayer(m.Inputs, m.Neurons, 1, Activation.FromCode(m.ActivationCode), m.HasBias, VectorKernels.Instance);
            Array.Copy(m.Weights, layer.Weights, m.Weights.Length);
            if (m.HasBias) Array.Copy(m.Biases, layer.Biases, m.Biases.Length);
            layers[i] = layer;
        }
        return new Network(layers, new SoftmaxCrossEntropy());
    }
}
