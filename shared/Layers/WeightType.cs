namespace TinyNet.Layers
{
    /// <summary>How a layer's weights are stored in a model file and in memory.</summary>
    public static class WeightType
    {
        /// <summary>32-bit IEEE floats, one per weight (what training produces).</summary>
        public const int Float32 = 0;

        /// <summary>Signed bytes in [−127, 127] with one float scale per output neuron (see the Quantizer).</summary>
        public const int Int8 = 1;

        /// <summary>True for a code this build knows.</summary>
        public static bool IsKnown(int code)
        {
            return code == Float32 || code == Int8;
        }

        /// <summary>A short name for messages ("float32", "int8", or "type N" for an unknown code).</summary>
        public static string Name(int code)
        {
            if (code == Float32)
            {
                return "float32";
            }
            if (code == Int8)
            {
                return "int8";
            }
            return "type " + code.ToString();
        }

        /// <summary>Bytes one weight takes (4 for float32, 1 for int8).</summary>
        public static int BytesPerWeight(int code)
        {
            return code == Int8 ? 1 : 4;
        }
    }
}
