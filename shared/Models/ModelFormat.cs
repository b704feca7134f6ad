using TinyNet.Activations;

namespace TinyNet.Models
{
    /// <summary>
    /// The constants and size rules of the .tnn model file (README.md, "Model file format (.tnn)").
    /// </summary>
    /// <remarks>
    /// Layout, all integers little-endian:
    /// magic "TNN1" (4) · version u16 · flags u16 (0) · name length u8 · name (ASCII) · layer count u16 ·
    /// per layer a 12-byte entry (inputs u32, neurons u32, activation u8, weight type u8, has-bias u8, reserved u8) ·
    /// per layer its payload (weights as float32 or int8; for int8 one float32 scale per neuron; float32
    /// biases when it has them) · CRC-32 (u32) of every byte before it.
    /// </remarks>
    public static class ModelFormat
    {
        /// <summary>The format version this build writes and reads.</summary>
        public const int Version = 1;

        /// <summary>Longest model name, in ASCII characters.</summary>
        public const int MaxNameLength = 64;

        /// <summary>Most layers a model may have.</summary>
        public const int MaxLayers = 16;

        /// <summary>Most inputs or neurons a layer may have.</summary>
        public const int MaxLayerWidth = 65535;

        /// <summary>Most weights (inputs × neurons) one layer may have: 16 Mi (64 MB as float32).</summary>
        public const int MaxWeightsPerLayer = 16777216;

        /// <summary>Bytes before the name: magic, version, flags, name length.</summary>
        public const int FixedHeaderBytes = 9;

        /// <summary>Bytes of one layer-table entry.</summary>
        public const int LayerEntryBytes = 12;

        /// <summary>Bytes of the CRC-32 trailer.</summary>
        public const int CrcBytes = 4;

        /// <summary>The largest possible header (fixed part, longest name, layer count, full layer table).</summary>
        public const int MaxHeaderBytes = FixedHeaderBytes + MaxNameLength + 2 + MaxLayers * LayerEntryBytes;

        /// <summary>The first byte of the magic, 'T'.</summary>
        public const byte Magic0 = 0x54;
        /// <summary>The second byte of the magic, 'N'.</summary>
        public const byte Magic1 = 0x4E;
        /// <summary>The third byte of the magic, 'N'.</summary>
        public const byte Magic2 = 0x4E;
        /// <summary>The fourth byte of the magic, '1'.</summary>
        public const byte Magic3 = 0x31;

        /// <summary>Header bytes for a name of this length and this many layers (everything before the first payload).</summary>
        public static int HeaderBytes(int nameLength, int layerCount)
        {
            return FixedHeaderBytes + nameLength + 2 + layerCount * LayerEntryBytes;
        }

        /// <summary>Payload bytes of one layer: weights in their type, scales (int8 only) and biases.</summary>
        /// <remarks>Only meaningful for a shape that passed <see cref="CheckShape"/> (the result fits an int).</remarks>
        public static int LayerPayloadBytes(int inputs, int neurons, int weightType, bool hasBias)
        {
            int bytes = inputs * neurons * WeightType.BytesPerWeight(weightType);
            if (weightType == WeightType.Int8)
            {
                bytes += 4 * neurons;
            }
            if (hasBias)
            {
                bytes += 4 * neurons;
            }
            return bytes;
        }

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
            if (inputs > MaxLayerWidth)
            {
                return "has " + inputs.ToString() + " inputs; the limit is " + MaxLayerWidth.ToString();
            }
            if (neurons > MaxLayerWidth)
            {
                return "has " + neurons.ToString() + " neurons; the limit is " + MaxLayerWidth.ToString();
            }
            long weights = (long)inputs * neurons;
            if (weights > MaxWeightsPerLayer)
            {
                return "has " + weights.ToString() + " weights; the limit is " + MaxWeightsPerLayer.ToString();
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
            if (count > MaxLayers)
            {
                return "the model has " + count.ToString() + " layers; the limit is " + MaxLayers.ToString();
            }
            return null;
        }

        /// <summary>What is wrong with a model name (too long, or not printable ASCII), or null.</summary>
        public static string CheckName(string name)
        {
            if (name.Length > MaxNameLength)
            {
                return "the model name is " + name.Length.ToString() + " characters long; the limit is " + MaxNameLength.ToString();
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
    }
}
