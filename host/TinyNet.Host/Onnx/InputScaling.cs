using System.Globalization;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Host.Onnx;

/// <summary>
/// What an ONNX model's input is made of: it sees (pixel × <see cref="Scale"/> − <see cref="Mean"/>) / <see cref="Std"/>,
/// while TinyNet always feeds pixel × 1/255 (<see cref="Predictor.PixelScale"/>, as the board and MnistInputs do).
/// The difference is an affine map of every input, which folds exactly into the first dense layer.
/// </summary>
public sealed record InputScaling(double Scale, double Mean, double Std)
{
    /// <summary>The metadata_props keys import reads and export writes.</summary>
    public const string ScaleKey = "input_scale", MeanKey = "input_mean", StdKey = "input_std";

    /// <summary>Pixels / 255, TinyNet's own input: nothing to fold.</summary>
    public static readonly InputScaling Default = new(1.0 / 255.0, 0.0, 1.0);

    /// <summary>What each TinyNet input x = pixel / 255 is multiplied by for the ONNX model: 255 · scale / std.</summary>
    public double Gain => SnapToOne(255.0 * Scale / Std);

    /// <summary>What is then added to each input: −mean / std.</summary>
    public double Offset => -Mean / Std;

    public bool IsIdentity => Gain == 1.0 && Offset == 0.0;

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"(pixel × {Scale:G6} − {Mean:G6}) / {Std:G6}");

    /// <summary>
    /// The first layer with the scaling folded in: weights × gain, and biases + offset × (sum of the
    /// neuron's weights), so that layer(x) on x = pixel/255 equals the ONNX layer on the ONNX input.
    /// Computed in double and rounded once. Adds a bias when the offset needs one.
    /// </summary>
    public ModelLayer Fold(ModelLayer layer)
    {
        if (IsIdentity) return layer;
        double gain = Gain, offset = Offset;
        bool hasBias = layer.HasBias || offset != 0.0;
        var folded = new ModelLayer(layer.Inputs, layer.Neurons, layer.ActivationCode, WeightType.Float32, hasBias);
        int neurons = layer.Neurons;
        for (int j = 0; j < neurons; j++)
        {
            double sum = 0;
            for (int k = 0; k < layer.Inputs; k++)
            {
                double w = layer.Weights[k * neurons + j];
                folded.Weights[k * neurons + j] = (float)(w * gain);
                sum += w;
            }
            if (hasBias) folded.Biases[j] = (float)((layer.HasBias ? layer.Biases[j] : 0.0) + offset * sum);
        }
        return folded;
    }

    /// <summary>
    /// The scaling to use: each value given on the command line wins, then the model's metadata_props,
    /// then the default (pixels / 255, mean 0, std 1). Refuses a value that is not a usable number.
    /// </summary>
    public static InputScaling Resolve(double? scale, double? mean, double? std, IReadOnlyDictionary<string, string> metadata)
    {
        double s = scale ?? FromMetadata(metadata, ScaleKey) ?? Default.Scale;
        double m = mean ?? FromMetadata(metadata, MeanKey) ?? Default.Mean;
        double d = std ?? FromMetadata(metadata, StdKey) ?? Default.Std;
        if (!(s > 0) || !double.IsFinite(s)) throw new UserError($"the input scale must be a positive number such as 0.00392156862745098 (1/255), not {s}", 2);
        if (!double.IsFinite(m)) throw new UserError($"the input mean must be a finite number such as 0.1307, not {m}", 2);
        if (!(d > 0) || !double.IsFinite(d)) throw new UserError($"the input std must be a positive number such as 0.3081, not {d}", 2);
        return new InputScaling(s, m, d);
    }

    private static double? FromMetadata(IReadOnlyDictionary<string, string> metadata, string key)
    {
        if (!metadata.TryGetValue(key, out string? text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value)) return value;
        throw new UserError($"the model's metadata {key} = '{text}' is not a number; give --{key.Replace('_', '-')} on the command line instead");
    }

    // 255 × (1/255) is 1 in double, but a scale written with fewer digits ("0.00392157") lands a hair
    // off; a factor within a millionth of 1 is taken as exactly 1 so the weights stay untouched.
    private static double SnapToOne(double gain) => Math.Abs(gain - 1.0) < 1e-6 ? 1.0 : gain;
}
