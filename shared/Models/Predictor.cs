using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Training;

namespace TinyNet.Models
{
    /// <summary>
    /// Runs a stored model (float32 or int8 layers) on one input at a time, with every buffer
    /// allocated at construction: the board's inference path and the host's reference for it.
    /// Int8 layers multiply the stored bytes directly (ScalarKernels.MatMulInt8AddBias); no dequantized
    /// copy of the weights exists in memory.
    /// </summary>
    public sealed class Predictor : IPredictor
    {
        /// <summary>What one input byte (pixel 0..255) is multiplied by: inputs are x / 255 in [0, 1].</summary>
        public const float PixelScale = 1f / 255f;

        private readonly Model _model;
        private readonly ScalarKernels _kernels;
        private readonly Activation[] _activations;
        private readonly float[] _input;
        private readonly float[][] _preActivations;
        private readonly float[][] _outputs;
        private readonly int[] _sums;

        /// <summary>Prepares buffers for <paramref name="model"/>; <paramref name="kernels"/> does the arithmetic.</summary>
        /// <exception cref="System.ArgumentException">A layer's weights are not in memory (use <see cref="StreamedPredictor"/>).</exception>
        public Predictor(Model model, ScalarKernels kernels)
        {
            for (int i = 0; i < model.LayerCount; i++)
            {
                if (!model.Layer(i).WeightsInMemory)
                {
                    throw new System.ArgumentException("layer " + (i + 1).ToString() + "'s weights are not in memory: run the model with a StreamedPredictor");
                }
            }
            _model = model;
            _kernels = kernels;
            int count = model.LayerCount;
            _activations = new Activation[count];
            _preActivations = new float[count][];
            _outputs = new float[count][];
            for (int i = 0; i < count; i++)
            {
                ModelLayer layer = model.Layer(i);
                _activations[i] = Activation.FromCode(layer.ActivationCode);
                _preActivations[i] = new float[layer.Neurons];
                _outputs[i] = new float[layer.Neurons];
            }
            // An int8 first layer takes the pixel bytes as they are, summing in int32 (see Predict(byte[], int)):
            // it needs its neurons' sums instead of a float copy of the input.
            if (StartsWithInt8(model))
            {
                _sums = new int[model.Layer(0).Neurons];
            }
            else
            {
                _input = new float[model.Inputs];
            }
        }

        /// <summary>The model this predictor runs.</summary>
        public Model Model { get { return _model; } }

        /// <summary>False: every weight is in memory.</summary>
        public bool Streamed { get { return false; } }

        /// <summary>The last prediction's outputs (one score per class; probabilities for softmax).</summary>
        public float[] Scores { get { return _outputs[_outputs.Length - 1]; } }

        /// <summary>
        /// Runs the model on <see cref="Model"/>.Inputs bytes of <paramref name="pixels"/> from
        /// <paramref name="offset"/>, each meaning byte / 255, and returns the index of the largest score.
        /// An int8 first layer multiplies the bytes directly (ScalarKernels.MatMulBytesInt8AddBias);
        /// a float one gets them scaled to float first.
        /// </summary>
        public int Predict(byte[] pixels, int offset)
        {
            if (_sums != null)
            {
                // Int8 first layer: exact integer sums of byte × int8, the 1/255 folded into the scales.
                ModelLayer first = _model.Layer(0);
                float[] z = _preActivations[0];
                _kernels.MatMulBytesInt8AddBias(pixels, offset, PixelScale, first.QuantizedWeights, first.Scales, first.Biases, _sums, z, first.Inputs, first.Neurons);
                _activations[0].Forward(_kernels, z, _outputs[0], 1, first.Neurons);
                return Run(1, _outputs[0]);
            }
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = pixels[offset + i] * PixelScale;
            }
            return Predict(_input);
        }

        /// <summary>Runs the model on <paramref name="input"/> (Model.Inputs floats); returns the index of the largest score.</summary>
        public int Predict(float[] input)
        {
            return Run(0, input);
        }

        // Runs layers from `first` on, `x` being that layer's input; returns the index of the largest score.
        private int Run(int first, float[] x)
        {
            for (int i = first; i < _model.LayerCount; i++)
            {
                ModelLayer layer = _model.Layer(i);
                float[] z = _preActivations[i];
                if (layer.IsQuantized)
                {
                    _kernels.MatMulInt8AddBias(x, layer.QuantizedWeights, layer.Scales, layer.Biases, z, 1, layer.Inputs, layer.Neurons);
                }
                else
                {
                    _kernels.MatMulAddBias(x, layer.Weights, layer.Biases, z, 1, layer.Inputs, layer.Neurons);
                }
                _activations[i].Forward(_kernels, z, _outputs[i], 1, layer.Neurons);
                x = _outputs[i];
            }
            return Network.ArgMax(x, 0, x.Length);
        }

        // True when the first layer is int8, which then reads the input bytes directly.
        private static bool StartsWithInt8(Model model)
        {
            return model.LayerCount > 0 && model.Layer(0).IsQuantized;
        }

        /// <summary>
        /// Bytes of RAM a board needs to run <paramref name="model"/>: the parameters in their stored
        /// type (int8 weights with their float scales, or float32 weights; float32 biases) plus the
        /// input buffer (an int8 first layer's int32 sums instead) and the activation buffers. Object headers and array lengths are not counted.
        /// </summary>
        public static long RequiredRamBytes(Model model)
        {
            long bytes = StartsWithInt8(model) ? 4L * model.Layer(0).Neurons : 4L * model.Inputs;
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                long weights = (long)layer.Inputs * layer.Neurons;
                bytes += layer.IsQuantized ? weights + 4L * layer.Neurons : 4L * weights;
                if (layer.HasBias)
                {
                    bytes += 4L * layer.Neurons;
                }
                bytes += 2L * 4L * layer.Neurons;
            }
            return bytes;
        }
    }
}
