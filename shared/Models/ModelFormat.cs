using TinyNet.Layers;

namespace TinyNet.Models
{
    /// <summary>
    /// The constants and sizes of the .tnn model file (README.md, "Model file format (.tnn)"); what a
    /// file may hold is in <see cref="ModelRules"/>.
    /// </summary>
    /// <remarks>
    /// Layout, all integers little-endian:
    /// magic "TNN1" (4) · version u16 · flags u16 (0, or <see cref="FlagClassNames"/>) · name length u8 · name (ASCII) · layer count u16 ·
    /// per layer a 12-byte entry (inputs u32, neurons u32, activation u8, weight type u8, has-bias u8, reserved u8) ·
    /// per layer its payload (weights as float32 or int8; for int8 one float32 scale per neuron; float32
    /// biases when it has them) · the class names when flagged · CRC-32 (u32) of every byte before it.
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

        /// <summary>
        /// Flag bit: a class-names section follows the last layer's payload (before the CRC): class count
        /// u16 (equal to the model's outputs) · per class a length u8 (1 to <see cref="MaxClassNameLength"/>)
        /// and that many ASCII bytes. A file without names has flags 0 and is byte for byte the original
        /// format, so every older reader reads it; an older reader refuses a file with names by its flags.
        /// </summary>
        public const int FlagClassNames = 0x0001;

        /// <summary>Longest class name, in ASCII characters.</summary>
        public const int MaxClassNameLength = 32;

        /// <summary>Most classes a named model may have (a PREDICTION reply carries the class in one byte).</summary>
        public const int MaxClasses = 255;

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

        /// <summary>
        /// Bytes of the class-names section for <paramref name="names"/> (count u16, then per class a length
        /// byte and the name); 0 for null (no section).
        /// </summary>
        public static int ClassNamesBytes(string[] names)
        {
            if (names == null)
            {
                return 0;
            }
            int bytes = 2;
            for (int i = 0; i < names.Length; i++)
            {
                bytes += 1 + names[i].Length;
            }
            return bytes;
        }

        /// <summary>Payload bytes of one layer: weights in their type, scales (int8 only) and biases.</summary>
        /// <remarks>Only meaningful for a shape that passed <see cref="ModelRules.CheckShape"/> (the result fits an int).</remarks>
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
    }
}
