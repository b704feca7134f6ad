using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Training;

namespace TinyNet.Models
{
    /// <summary>
    /// Runs a model whose int8 weights stay in the stored file: each int8 layer's weights are read in
    /// blocks of whole rows, in file order (so the reads only move forward), while only the activations,
    /// scales, biases, float32 layers and one block buffer are in memory. This is how a board without
    /// the heap for a model's weights still runs it.
    /// </summary>
    /// <remarks>
    /// The arithmetic is <see cref="ScalarKernels.MatMulInt8AddBias"/>'s, row by row in the same order
    /// (z = 0; for each input k with x[k] ≠ 0, z[j] += x[k] · q[k, j]; then z[j] · scale[j] + b[j]), so the
    /// scores are bit-identical to <see cref="Predictor"/>'s. A block whose inputs are all zero is not read
    /// at all (most MNIST pixels are zero). Every buffer is allocated at construction: a prediction
    /// allocates nothing.
    /// </remarks>
    public sealed class StreamedPredictor : IPredictor
    {
        /// <summary>Bytes of weights read per block (more when one row is longer).</summary>
        public const int BlockBytes = 2048;

        private readonly Model _model;
        private readonly IChunkSource _file;
        private readonly ScalarKernels _kernels;
        private readonly Activation[] _activations;
        private readonly int[] _weightOffsets;
        private readonly byte[] _block;
        private readonly float[] _input;
        private readonly int[] _sums;
        private readonly float[][] _preActivations;
        private readonly float[][] _outputs;

        /// <summary>
        /// Prepares buffers for <paramref name="model"/> (loaded with <see cref="LoadMode.StreamInt8Weights"/>
        /// or fully), whose stored file <paramref name="file"/> holds the int8 weights; float32 layers run
        /// from memory with <paramref name="kernels"/>.
        /// </summary>
        public StreamedPredictor(Model model, IChunkSource file, ScalarKernels kernels)
        {
            _model = model;
            _file = file;
            _kernels = kernels;
            int count = model.LayerCount;
            _activations = new Activation[count];
            _weightOffsets = new int[count];
            _preActivations = new float[count][];
            _outputs = new float[count][];
            int offset = ModelFormat.HeaderBytes(model.Name.Length, count);
            for (int i = 0; i < count; i++)
            {
                ModelLayer layer = model.Layer(i);
                if (!layer.IsQuantized && layer.Weights == null)
                {
                    throw new System.ArgumentException("layer " + (i + 1).ToString() + " is float32 and its weights are not in memory");
                }
                _activations[i] = Activation.FromCode(layer.ActivationCode);
                _weightOffsets[i] = offset;
                offset += layer.ParameterBytes;
                _preActivations[i] = new float[layer.Neurons];
                _outputs[i] = new float[layer.Neurons];
            }
            _block = new byte[BufferBytes(model)];
            _input = new float[model.Inputs];
            if (model.Layer(0).IsQuantized)
            {
                // An int8 first layer sums byte × int8 exactly in int32, as Predictor does.
                _sums = new int[model.Layer(0).Neurons];
            }
        }

        /// <summary>The model this predictor runs.</summary>
        public Model Model { get { return _model; } }

        /// <summary>True: int8 weights are read from the file during each prediction.</summary>
        public bool Streamed { get { return true; } }

        /// <summary>The last prediction's outputs (one score per class).</summary>
        public float[] Scores { get { return _outputs[_outputs.Length - 1]; } }

        /// <summary>
        /// Bytes of the block buffer a streamed predictor of <paramref name="model"/> allocates:
        /// <see cref="BlockBytes"/>, or the longest int8 row when that is longer; 0 without int8 layers.
        /// </summary>
        public static int BufferBytes(Model model)
        {
            int bytes = 0;
            for (int i = 0; i < model.LayerCount; i++)
            {
                ModelLayer layer = model.Layer(i);
                if (layer.IsQuantized)
                {
                    int wanted = layer.Neurons > BlockBytes ? layer.Neurons : BlockBytes;
                    if (wanted > bytes)
                    {
                        bytes = wanted;
                    }
                }
            }
            return bytes;
        }

        /// <summary>
        /// Runs the model on Model.Inputs bytes from <paramref name="offset"/>, each meaning byte / 255;
        /// returns the best class. An int8 first layer sums the bytes times the weights exactly in int32
        /// with the 1/255 folded into its scales, as <see cref="Predictor"/> does, so the scores are the same bits.
        /// </summary>
        public int Predict(byte[] pixels, int offset)
        {
            if (_sums != null)
            {
                ModelLayer first = _model.Layer(0);
                float[] z = _preActivations[0];
                if (first.QuantizedWeights != null)
                {
                    _kernels.MatMulBytesInt8AddBias(pixels, offset, Predictor.PixelScale, first.QuantizedWeights, first.Scales, first.Biases, _sums, z, first.Inputs, first.Neurons);
                }
                else
                {
                    StreamBytesInt8Layer(pixels, offset, _weightOffsets[0], first.Scales, first.Biases, z, first.Inputs, first.Neurons);
                }
                _activations[0].Forward(_kernels, z, _outputs[0], 1, first.Neurons);
                return Run(1, _outputs[0]);
            }
            for (int i = 0; i < _input.Length; i++)
            {
                _input[i] = pixels[offset + i] * Predictor.PixelScale;
            }
            return Run(0, _input);
        }

        /// <summary>Runs the model on <paramref name="input"/> (Model.Inputs floats); returns the best class.</summary>
        public int Predict(float[] input)
        {
            return Run(0, input);
        }

        // Runs layers from `firstLayer` on, `x` being that layer's input; returns the best class.
        private int Run(int firstLayer, float[] x)
        {
            for (int i = firstLayer; i < _model.LayerCount; i++)
            {
                ModelLayer layer = _model.Layer(i);
                float[] z = _preActivations[i];
                if (!layer.IsQuantized)
                {
                    _kernels.MatMulAddBias(x, layer.Weights, layer.Biases, z, 1, layer.Inputs, layer.Neurons);
                }
                else if (layer.QuantizedWeights != null)
                {
                    _kernels.MatMulInt8AddBias(x, layer.QuantizedWeights, layer.Scales, layer.Biases, z, 1, layer.Inputs, layer.Neurons);
                }
                else
                {
                    StreamInt8Layer(x, _weightOffsets[i], layer.Scales, layer.Biases, z, layer.Inputs, layer.Neurons);
                }
                _activations[i].Forward(_kernels, z, _outputs[i], 1, layer.Neurons);
                x = _outputs[i];
            }
            return Network.ArgMax(x, 0, x.Length);
        }

        // ScalarKernels.MatMulBytesInt8AddBias with the rows read from the file in blocks: integer sums are
        // exact, so reading in blocks changes nothing, and the final scaling is the kernel's own expression.
        private void StreamBytesInt8Layer(byte[] pixels, int offset, int weights, float[] scale, float[] b, float[] z, int inner, int cols)
        {
            for (int j = 0; j < cols; j++)
            {
                _sums[j] = 0;
            }
            int rowsPerBlock = _block.Length / cols;
            for (int first = 0; first < inner; first += rowsPerBlock)
            {
                int rows = inner - first < rowsPerBlock ? inner - first : rowsPerBlock;
                if (AllZero(pixels, offset + first, rows))
                {
                    continue;
                }
                ReadFully(weights + first * cols, rows * cols);
                for (int r = 0; r < rows; r++)
                {
                    int xk = pixels[offset + first + r];
                    if (xk == 0)
                    {
                        continue;
                    }
                    int qRow = r * cols;
                    for (int j = 0; j < cols; j++)
                    {
                        _sums[j] += xk * (sbyte)_block[qRow + j];
                    }
                }
            }
            for (int j = 0; j < cols; j++)
            {
                z[j] = _sums[j] * (scale[j] * Predictor.PixelScale) + (b == null ? 0f : b[j]);
            }
        }

        private static bool AllZero(byte[] x, int first, int count)
        {
            for (int k = first; k < first + count; k++)
            {
                if (x[k] != 0)
                {
                    return false;
                }
            }
            return true;
        }

        // z[j] = b[j] + scale[j] · Σₖ x[k] · q[k, j], the rows q[k, ·] read from the file at `weights` in blocks.
        private void StreamInt8Layer(float[] x, int weights, float[] scale, float[] b, float[] z, int inner, int cols)
        {
            for (int j = 0; j < cols; j++)
            {
                z[j] = 0f;
            }
            int rowsPerBlock = _block.Length / cols;
            for (int first = 0; first < inner; first += rowsPerBlock)
            {
                int rows = inner - first < rowsPerBlock ? inner - first : rowsPerBlock;
                if (AllZero(x, first, rows))
                {
                    continue;
                }
                ReadFully(weights + first * cols, rows * cols);
                for (int r = 0; r < rows; r++)
                {
                    float xk = x[first + r];
                    if (xk == 0f)
                    {
                        continue;
                    }
                    int qRow = r * cols;
                    for (int j = 0; j < cols; j++)
                    {
                        z[j] += xk * (sbyte)_block[qRow + j];
                    }
                }
            }
            for (int j = 0; j < cols; j++)
            {
                z[j] = z[j] * scale[j] + (b == null ? 0f : b[j]);
            }
        }

        private static bool AllZero(float[] x, int first, int count)
        {
            for (int k = first; k < first + count; k++)
            {
                if (x[k] != 0f)
                {
                    return false;
                }
            }
            return true;
        }

        // Fills the block's first `count` bytes from the file at `position`; a short file means it changed under us.
        private void ReadFully(int position, int count)
        {
            int have = 0;
            while (have < count)
            {
                int n = _file.ReadChunk(position + have, _block, have, count - have);
                if (n <= 0)
                {
                    throw new System.InvalidOperationException("the stored model ended while its weights were read at byte "
                        + (position + have).ToString());
                }
                have += n;
            }
        }
    }
}
