using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Numerics;

namespace TinyNet.Models
{
    /// <summary>
    /// What a model may hold: name, layer count, shapes, activation codes, weight types and parameter
    /// values. The one set of rules that the file reader (<see cref="ModelReader"/>), the writer
    /// (<see cref="ModelFile.Check"/>) and the in-memory types (<see cref="Model"/>, <see cref="ModelLayer"/>)
    /// all call, so a file the writer produces always reads back and a file the reader refuses cannot
    /// be written. Each check returns the problem in words, or null when the value is fine.
    /// </summary>
    public static class ModelRules
    {
        /// <summary>
        /// What is wrong with a layer shape (without the "layer N" prefix, e.g. "has 0 inputs"), or null.
        /// Computes inputs × neurons in 64 bits so huge declared sizes cannot overflow.
        /// </summary>
        public static string CheckShape(int inputs, int neurons, int activationCode, int weightType)
        {
            if (inputs <= 0)
            {
                return "has " + inputs.ToString() + " inputs";
            }
            if (neurons <= 0)
            {
                return "has " + neurons.ToString() + " neurons";
            }
            if (inputs > ModelFormat.MaxLayerWidth)
            {
                return "has " + inputs.ToString() + " inputs; the limit is " + ModelFormat.MaxLayerWidth.ToString();
            }
            if (neurons > ModelFormat.MaxLayerWidth)
            {
                return "has " + neurons.ToString() + " neurons; the limit is " + ModelFormat.MaxLayerWidth.ToString();
            }
            long weights = (long)inputs * neurons;
            if (weights > ModelFormat.MaxWeightsPerLayer)
            {
                return "has " + weights.ToString() + " weights; the limit is " + ModelFormat.MaxWeightsPerLayer.ToString();
            }
            if (Activation.FromCode(activationCode) == null)
            {
                return "has unknown activation code " + activationCode.ToString();
            }
            if (!WeightType.IsKnown(weightType))
            {
                return "has unknown weight type " + weightType.ToString();
            }
            return null;
        }

        /// <summary>The message for a layer whose inputs do not match the previous layer's neurons (index is 0-based).</summary>
        public static string ChainMessage(int index, int inputs, int previousNeurons)
        {
            return "layer " + (index + 1).ToString() + "'s inputs (" + inputs.ToString() + ") do not match layer "
                + index.ToString() + "'s neurons (" + previousNeurons.ToString() + ")";
        }

        /// <summary>What is wrong with a layer count, or null.</summary>
        public static string CheckLayerCount(int count)
        {
            if (count < 1)
            {
                return "a model needs at least one layer";
            }
            if (count > ModelFormat.MaxLayers)
            {
                return "the model has " + count.ToString() + " layers; the limit is " + ModelFormat.MaxLayers.ToString();
            }
            return null;
        }

        /// <summary>What is wrong with a model name (too long, or not printable ASCII), or null.</summary>
        public static string CheckName(string name)
        {
            if (name.Length > ModelFormat.MaxNameLength)
            {
                return "the model name is " + name.Length.ToString() + " characters long; the limit is " + ModelFormat.MaxNameLength.ToString();
            }
            for (int i = 0; i < name.Length; i++)
            {
                if (!IsNameCharacter(name[i]))
                {
                    return "the model name may only hold printable ASCII characters (character " + (i + 1).ToString() + " is not)";
                }
            }
            return null;
        }

        /// <summary>
        /// What is wrong with a model's class names, or null: there must be one per output, at most
        /// <see cref="ModelFormat.MaxClasses"/>, each 1 to <see cref="ModelFormat.MaxClassNameLength"/>
        /// printable ASCII characters, no two alike. A null array (no names) is fine.
        /// </summary>
        public static string CheckClassNames(string[] names, int outputs)
        {
            if (names == null)
            {
                return null;
            }
            if (names.Length != outputs)
            {
                return "the model has " + outputs.ToString() + " outputs but " + names.Length.ToString() + " class names";
            }
            if (names.Length > ModelFormat.MaxClasses)
            {
                return "the model has " + names.Length.ToString() + " class names; the limit is " + ModelFormat.MaxClasses.ToString();
            }
            for (int i = 0; i < names.Length; i++)
            {
                string problem = CheckClassName(names[i]);
                if (problem != null)
                {
                    return "class " + i.ToString() + " " + problem;
                }
                for (int j = 0; j < i; j++)
                {
                    if (names[j] == names[i])
                    {
                        return "classes " + j.ToString() + " and " + i.ToString() + " are both named '" + names[i] + "'";
                    }
                }
            }
            return null;
        }

        /// <summary>What is wrong with one class name (without the "class N" prefix), or null.</summary>
        public static string CheckClassName(string name)
        {
            if (name == null || name.Length == 0)
            {
                return "has an empty name";
            }
            if (name.Length > ModelFormat.MaxClassNameLength)
            {
                return "is named with " + name.Length.ToString() + " characters; the limit is " + ModelFormat.MaxClassNameLength.ToString();
            }
            for (int i = 0; i < name.Length; i++)
            {
                if (!IsNameCharacter(name[i]))
                {
                    return "has a name that is not printable ASCII (character " + (i + 1).ToString() + " is not)";
                }
            }
            return null;
        }

        /// <summary>True for a character allowed in a model name: printable ASCII, space to '~'.</summary>
        public static bool IsNameCharacter(int c)
        {
            return c >= 0x20 && c <= 0x7E;
        }

        /// <summary>"layer N " + problem, with N 1-based from a 0-based index.</summary>
        public static string LayerMessage(int index, string problem)
        {
            return "layer " + (index + 1).ToString() + " " + problem;
        }

        /// <summary>
        /// What is wrong with a layer width as the file stores it (a u32, possibly ≥ 2^31), without the
        /// "layer N" prefix, or null. <paramref name="what"/> is "inputs" or "neurons".
        /// </summary>
        public static string CheckStoredWidth(uint value, string what)
        {
            if (value <= ModelFormat.MaxLayerWidth)
            {
                return null;
            }
            return "has " + value.ToString() + " " + what + "; the limit is " + ModelFormat.MaxLayerWidth.ToString();
        }

        /// <summary>What is wrong with a layer entry's has-bias and reserved bytes (without the "layer N" prefix), or null.</summary>
        public static string CheckEntryFlags(int hasBias, int reserved)
        {
            if (hasBias > 1)
            {
                return "has has-bias byte " + hasBias.ToString() + " (must be 0 or 1)";
            }
            if (reserved != 0)
            {
                return "has reserved byte " + reserved.ToString() + " (must be 0)";
            }
            return null;
        }

        /// <summary>What is wrong with an int8 weight of layer <paramref name="layerIndex"/> (0-based): only -128 is refused.</summary>
        /// <remarks>-127..127 keeps the quantization symmetric, so -q is always a weight too.</remarks>
        public static string CheckInt8Weight(int weight, int layerIndex)
        {
            if (weight == -128)
            {
                return "int8 weight -128 in layer " + (layerIndex + 1).ToString() + " (the range is -127..127)";
            }
            return null;
        }

        /// <summary>What is wrong with the scale of one neuron (indices 0-based): it must be positive and finite.</summary>
        public static string CheckScale(float scale, int layerIndex, int neuronIndex)
        {
            if (scale > 0f && MathSeam.IsFinite(scale))
            {
                return null;
            }
            return "scale must be positive and finite: layer " + (layerIndex + 1).ToString() + ", neuron "
                + (neuronIndex + 1).ToString() + " has " + scale.ToString();
        }

        /// <summary>
        /// "NaN weight in layer N" / "infinite bias in layer N" for a non-finite value, or null.
        /// <paramref name="what"/> is "weight" or "bias"; <paramref name="layerIndex"/> is 0-based.
        /// </summary>
        public static string CheckFinite(float value, string what, int layerIndex)
        {
            if (float.IsNaN(value))
            {
                return "NaN " + what + " in layer " + (layerIndex + 1).ToString();
            }
            if (!MathSeam.IsFinite(value))
            {
                return "infinite " + what + " in layer " + (layerIndex + 1).ToString();
            }
            return null;
        }
    }
}
