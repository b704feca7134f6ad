using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Host.Datasets;

/// <summary>
/// Standardization of each feature, (x − mean) / std, learned on the training split only (the
/// held-out part must not leak into it). Training sees standardized values; the written model
/// does not: <see cref="Fold"/> puts the scaling into the first layer, so the board is fed the raw
/// sensor values. A feature that never changes in the training split (std 0) is divided by 1
/// instead: it carries no information, and dividing by 0 would make every weight infinite.
/// </summary>
public sealed class FeatureScaling
{
    /// <summary>Mean of each feature over the training samples.</summary>
    public double[] Mean { get; }

    /// <summary>Standard deviation of each feature (population), 1 for a constant feature.</summary>
    public double[] Std { get; }

    private FeatureScaling(double[] mean, double[] std)
    {
        Mean = mean;
        Std = std;
    }

    /// <summary>Mean and std of every feature of <paramref name="data"/>, computed in double.</summary>
    public static FeatureScaling Learn(LabeledData data)
    {
        int width = data.Features, count = data.Count;
        var mean = new double[width];
        var std = new double[width];
        for (int n = 0; n < count; n++)
            for (int f = 0; f < width; f++) mean[f] += data.Inputs[(long)n * width + f];
        for (int f = 0; f < width; f++) mean[f] /= Math.Max(1, count);
        for (int n = 0; n < count; n++)
            for (int f = 0; f < width; f++)
            {
                double d = data.Inputs[(long)n * width + f] - mean[f];
                std[f] += d * d;
            }
        for (int f = 0; f < width; f++)
        {
            std[f] = Math.Sqrt(std[f] / Math.Max(1, count));
            // Constant up to float rounding: treated as constant (see the class remarks).
            if (!(std[f] > 1e-6 * Math.Max(1.0, Math.Abs(mean[f])))) std[f] = 1.0;
        }
        return new FeatureScaling(mean, std);
    }

    /// <summary>The features of <paramref name="data"/> standardized, as a new array.</summary>
    public float[] Apply(LabeledData data)
    {
        int width = data.Features;
        var result = new float[data.Inputs.Length];
        for (long i = 0; i < result.Length; i++)
        {
            int f = (int)(i % width);
            result[i] = (float)((data.Inputs[i] - Mean[f]) / Std[f]);
        }
        return result;
    }

    /// <summary>
    /// The first layer of a network trained on standardized inputs, changed to take raw inputs:
    /// weight'[k, j] = weight[k, j] / std[k] and bias'[j] = bias[j] − Σk weight[k, j] · mean[k] / std[k].
    /// Computed in double and rounded once; the layer gets a bias when it had none.
    /// </summary>
    public ModelLayer FoldLayer(ModelLayer layer)
    {
        if (layer.IsQuantized) throw new ArgumentException("fold the scaling into the float32 model, then quantize");
        if (layer.Inputs != Mean.Length) throw new ArgumentException($"the layer takes {layer.Inputs} inputs, the scaling has {Mean.Length}");
        int neurons = layer.Neurons;
        var folded = new ModelLayer(layer.Inputs, neurons, layer.ActivationCode, WeightType.Float32, true);
        for (int j = 0; j < neurons; j++)
        {
            double bias = layer.HasBias ? layer.Biases[j] : 0.0;
            for (int k = 0; k < layer.Inputs; k++)
            {
                double w = layer.Weights[k * neurons + j] / Std[k];
                folded.Weights[k * neurons + j] = (float)w;
                bias -= w * Mean[k];
            }
            folded.Biases[j] = (float)bias;
        }
        return folded;
    }

    /// <summary>The model with <see cref="FoldLayer"/> applied to its first layer (the other layers shared, not copied).</summary>
    public Model Fold(Model model)
    {
        var layers = new ModelLayer[model.LayerCount];
        layers[0] = FoldLayer(model.Layer(0));
        for (int i = 1; i < layers.Length; i++) layers[i] = model.Layer(i);
        return new Model(model.Name, layers, model.ClassNames);
    }
}
