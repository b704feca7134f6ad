using TinyNet.Host.Kernels;
using TinyNet.Host.Mnist;
using TinyNet.Host.Training;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Host.Evaluation;

/// <summary>Measures a model (float or int8) on an MNIST set, e.g. the test set after training or quantizing.</summary>
public static class MnistEvaluator
{
    // MNIST's classes are the digits.
    private static readonly string[] DigitNames = Enumerable.Range(0, MnistSet.Classes).Select(d => d.ToString()).ToArray();

    /// <summary>Fraction of <paramref name="set"/> the model classifies correctly, 0–1.</summary>
    public static double Accuracy(Model model, MnistSet set) => Evaluate(model, set).Accuracy;

    /// <summary>Accuracy and confusion matrix of the model on the set.</summary>
    public static ClassEvaluation Evaluate(Model model, MnistSet set)
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
            // The engine network training measured accuracy with, so a saved model scores exactly what training reported.
            Network network = ModelConvert.ToNetwork(model, 1, new SoftmaxCrossEntropy(), VectorKernels.Instance);
            new NetworkEvaluator(network).Accuracy(network, MnistInputs.Scale(set), set.Labels, confusion);
        }
        return ClassEvaluation.FromConfusion(DigitNames, confusion);
    }
}
