using CsCheck;
using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Random valid models: 1–5 layers of 1–10 neurons, float32 or int8 per layer, with or without
/// bias, every activation, printable names up to the 64-character limit, class names (1–32 printable
/// characters, distinct) on about half of them, and float values drawn from raw bit patterns
/// (subnormals, −0, huge magnitudes) so a round trip is checked bit for bit.
/// </summary>
public static class ModelGen
{
    /// <summary>Any finite float, by bit pattern.</summary>
    public static readonly Gen<float> FiniteFloat =
        Gen.UInt.Select(BitConverter.UInt32BitsToSingle).Where(float.IsFinite);

    /// <summary>A usable int8 scale: positive and finite, any bit pattern.</summary>
    public static readonly Gen<float> PositiveFloat =
        Gen.UInt[1, 0x7F7FFFFF].Select(BitConverter.UInt32BitsToSingle);

    /// <summary>A model name the format allows (printable ASCII, 0–64 characters).</summary>
    public static readonly Gen<string> Name =
        Gen.Char[' ', '~'].Array[0, ModelFormat.MaxNameLength].Select(c => new string(c));

    /// <summary>One class name the format allows (printable ASCII, 1–32 characters).</summary>
    public static readonly Gen<string> ClassName =
        Gen.Char[' ', '~'].Array[1, ModelFormat.MaxClassNameLength].Select(c => new string(c));

    // Names for `count` classes, or null (no section), half and half; a draw with two alike gets numbered names instead.
    private static Gen<string[]?> ClassNames(int count) =>
        Gen.Frequency((1, Gen.Const((string[]?)null)), (1, ClassName.Array[count].Select(names =>
            (string[]?)(names.Distinct().Count() == names.Length ? names : names.Select((_, i) => "class " + i).ToArray()))));

    private sealed record LayerSpec(int Activation, int WeightType, bool HasBias);

    /// <summary>The code of any registered activation (every one of them, whatever their numbers).</summary>
    public static readonly Gen<int> ActivationCode =
        Gen.Int[0, ActivationCatalog.Count - 1].Select(i => ActivationCatalog.At(i).Code);

    /// <summary>A byte that no registered activation uses as its code.</summary>
    public static readonly Gen<int> UnknownActivationCode =
        Gen.Int[0, 255].Where(code => ActivationCatalog.FromCode(code) == null);

    private static readonly Gen<LayerSpec> Layer =
        Gen.Select(ActivationCode, Gen.Int[0, 1], Gen.Bool,
            (a, w, b) => new LayerSpec(a, w, b));

    /// <summary>A random valid model.</summary>
    public static readonly Gen<Model> Model =
        from layerCount in Gen.Int[1, 5]
        from widths in Gen.Int[1, 10].Array[layerCount + 1]
        from specs in Layer.Array[layerCount]
        from name in Name
        let shape = Shape(widths, specs)
        from floats in FiniteFloat.Array[shape.Floats]
        from ints in Gen.Int[-127, 127].Array[shape.Ints]
        from scales in PositiveFloat.Array[shape.Scales]
        from classNames in ClassNames(widths[layerCount])
        select Build(name, widths, specs, floats, ints, scales, classNames);

    /// <summary>The file bytes of a random valid model.</summary>
    public static readonly Gen<byte[]> File = Model.Select(ModelFile.Write);

    private static (int Floats, int Ints, int Scales) Shape(int[] widths, LayerSpec[] specs)
    {
        int floats = 0, ints = 0, scales = 0;
        for (int i = 0; i < specs.Length; i++)
        {
            int weights = widths[i] * widths[i + 1];
            if (specs[i].WeightType == WeightType.Int8) { ints += weights; scales += widths[i + 1]; }
            else floats += weights;
            if (specs[i].HasBias) floats += widths[i + 1];
        }
        return (floats, ints, scales);
    }

    private static Model Build(string name, int[] widths, LayerSpec[] specs, float[] floats, int[] ints, float[] scales, string[]? classNames)
    {
        int f = 0, q = 0, s = 0;
        var layers = new ModelLayer[specs.Length];
        for (int i = 0; i < specs.Length; i++)
        {
            var layer = new ModelLayer(widths[i], widths[i + 1], specs[i].Activation, specs[i].WeightType, specs[i].HasBias);
            if (layer.IsQuantized)
            {
                for (int k = 0; k < layer.QuantizedWeights.Length; k++) layer.QuantizedWeights[k] = (sbyte)ints[q++];
                for (int k = 0; k < layer.Scales.Length; k++) layer.Scales[k] = scales[s++];
            }
            else
            {
                for (int k = 0; k < layer.Weights.Length; k++) layer.Weights[k] = floats[f++];
            }
            if (layer.HasBias)
            {
                for (int k = 0; k < layer.Biases.Length; k++) layer.Biases[k] = floats[f++];
            }
            layers[i] = layer;
        }
        return new Model(name, layers, classNames);
    }
}
