using TinyNet.Layers;

namespace TinyNet.Models
{
    /// <summary>
    /// Turns a float32 model into int8: symmetric, per output neuron. For neuron j the scale is
    /// max|w[·, j]| / 127 and each weight becomes q = round(w / scale) in [−127, 127], so
    /// |w − q · scale| ≤ scale / 2. Biases stay float32 (they are few and carry the offset).
    /// </summary>
    public static class Quantizer
    {
        /// <summary>The largest int8 magnitude used; −128 is left out so the range is symmetric.</summary>
        public const int Limit = 127;

        /// <summary>An int8 copy of <paramref name="model"/> (layers already int8 are copied as they are), with its class names.</summary>
        public static Model Quantize(Model model)
        {
            ModelLayer[] layers = new ModelLayer[model.LayerCount];
            for (int i = 0; i < layers.Length; i++)
            {
                layers[i] = QuantizeLayer(model.Layer(i));
            }
            return new Model(model.Name, layers, model.ClassNames);
        }

        /// <summary>An int8 copy of one layer.</summary>
        public static ModelLayer QuantizeLayer(ModelLayer source)
        {
            ModelLayer target = new ModelLayer(source.Inputs, source.Neurons, source.ActivationCode, WeightType.Int8, source.HasBias);
            int inputs = source.Inputs;
            int neurons = source.Neurons;
            if (source.IsQuantized)
            {
                System.Array.Copy(source.QuantizedWeights, target.QuantizedWeights, source.QuantizedWeights.Length);
                System.Array.Copy(source.Scales, target.Scales, neurons);
            }
            else
            {
                for (int j = 0; j < neurons; j++)
                {
                    float largest = 0f;
                    for (int k = 0; k < inputs; k++)
                    {
                        float magnitude = Abs(source.Weights[k * neurons + j]);
                        if (magnitude > largest)
                        {
                            largest = magnitude;
                        }
                    }
                    // An all-zero column: any positive scale stores it exactly, and the file format
                    // requires scales > 0. Guarding here also avoids dividing by zero (it throws on the board).
                    float scale = largest > 0f ? largest / Limit : 1f;
                    target.Scales[j] = scale;
                    for (int k = 0; k < inputs; k++)
                    {
                        target.QuantizedWeights[k * neurons + j] = (sbyte)RoundToLimit(source.Weights[k * neurons + j] / scale);
                    }
                }
            }
            if (source.HasBias)
            {
                System.Array.Copy(source.Biases, target.Biases, neurons);
            }
            return target;
        }

        /// <summary>
        /// Rounds half away from zero and clamps to ±127, by hand: nanoFramework's Math.Round is
        /// double-only and rounds half to even, and the board and host must agree on every byte.
        /// </summary>
        public static int RoundToLimit(float value)
        {
            int q = value >= 0f ? (int)(value + 0.5f) : -(int)(-value + 0.5f);
            if (q > Limit)
            {
                return Limit;
            }
            if (q < -Limit)
            {
                return -Limit;
            }
            return q;
        }

        private static float Abs(float value)
        {
            return value < 0f ? -value : value;
        }
    }
}
