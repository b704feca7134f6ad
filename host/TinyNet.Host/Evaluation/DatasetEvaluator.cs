using TinyNet.Host.Datasets;
using TinyNet.Host.Kernels;
using TinyNet.Host.Training;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Host.Evaluation;

/// <summary>
/// Measures a model (float or int8) on a labelled data set (<c>eval --csv/--images</c>,
/// <c>quantize --csv/--images</c>), fed the values as they are, as the board would be.
/// </summary>
public static class DatasetEvaluator
{
    /// <summary>
    /// One line when <paramref name="model"/> cannot take <paramref name="data"/> (another number of
    /// inputs, or fewer outputs than the data has classes), else null.
    /// </summary>
    public static string? Mismatch(Model model, LabeledData data)
    {
        if (model.Inputs != data.Features)
            return $"the model takes {model.Inputs} inputs but {data.Source} gives {data.Features} values per sample; give it data shaped like its training data (from a CSV, the same --features)";
        if (model.Outputs < data.Classes)
            return $"the model has {model.Outputs} outputs but {data.Source} has {data.Classes} classes";
        return null;
    }

    /// <summary>Accuracy and confusion matrix (over the model's outputs) of the model on the data.</summary>
    public static ClassEvaluation Evaluate(Model model, LabeledData data)
    {
        string? problem = Mismatch(model, data);
        if (problem != null) throw new UserError(problem);
        int classes = model.Outputs;
        var confusion = new int[classes * classes];
        if (model.IsQuantized)
        {
            // The board's own path: the shared Predictor multiplies the stored int8 bytes directly.
            var predictor = new Predictor(model, VectorKernels.Instance);
            var input = new float[data.Features];
            for (int n = 0; n < data.Count; n++)
            {
                Array.Copy(data.Inputs, (long)n * data.Features, input, 0, data.Features);
                confusion[data.Labels[n] * classes + predictor.Predict(input)]++;
            }
        }
        else
        {
            Network network = ModelConvert.ToNetwork(model, 1, new SoftmaxCrossEntropy(), VectorKernels.Instance);
            new NetworkEvaluator(network).Accuracy(network, data.Inputs, data.Labels, confusion);
        }
        var names = new string[classes];
        for (int c = 0; c < classes; c++) names[c] = c < data.Classes ? data.ClassNames[c] : model.ClassName(c);
        return ClassEvaluation.FromConfusion(names, confusion);
    }
}
