using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Numerics;

namespace TinyNet.Training
{
    /// <summary>
    /// A sequence of layers and a loss, with every buffer allocated when it is built.
    /// Forward, Backward, Predict and <see cref="Sgd.Step"/> allocate nothing.
    /// </summary>
    public sealed class Network
    {
        private readonly Layer[] _layers;
        private readonly float[] _outputGradients;

        /// <summary>The loss that <see cref="Backward(float[])"/> differentiates.</summary>
        public readonly Loss Loss;

        /// <summary>Chains the layers (each one's outputs must equal the next one's inputs; all share one batch size).</summary>
        public Network(Layer[] layers, Loss loss)
        {
            if (layers == null || layers.Length == 0)
            {
                throw new System.ArgumentException("a network needs at least one layer");
            }
            if (loss == null)
            {
                throw new System.ArgumentNullException("loss");
            }
            for (int i = 1; i < layers.Length; i++)
            {
                if (layers[i].Inputs != layers[i - 1].OutputSize || layers[i].BatchSize != layers[0].BatchSize)
                {
                    throw new System.ArgumentException("layer " + i + " does not fit the layer before it");
                }
            }
            _layers = layers;
            Loss = loss;
            _outputGradients = new float[OutputLayer.BatchSize * OutputLayer.OutputSize];
        }

        /// <summary>
        /// Builds a network of dense layers: sizes[0] inputs, then one layer per following size,
        /// with activations[i] on layer i.
        /// </summary>
        public static Network Create(int batchSize, int[] sizes, Activation[] activations, Loss loss, bool hasBias, ScalarKernels kernels)
        {
            if (sizes == null || activations == null || sizes.Length < 2 || activations.Length != sizes.Length - 1)
            {
                throw new System.ArgumentException("need one activation per layer and at least one layer");
            }
            Layer[] layers = new Layer[activations.Length];
            for (int i = 0; i < layers.Length; i++)
            {
                layers[i] = new DenseLayer(sizes[i], sizes[i + 1], batchSize, activations[i], hasBias, kernels);
            }
            return new Network(layers, loss);
        }

        /// <summary>Number of layers.</summary>
        public int LayerCount { get { return _layers.Length; } }

        /// <summary>The i-th layer (cast to its kind, e.g. <see cref="DenseLayer"/>, for its specifics).</summary>
        public Layer Layer(int i)
        {
            return _layers[i];
        }

        /// <summary>The last layer, whose Outputs are the network's outputs.</summary>
        public Layer OutputLayer { get { return _layers[_layers.Length - 1]; } }

        /// <summary>Samples per call.</summary>
        public int BatchSize { get { return _layers[0].BatchSize; } }

        /// <summary>Values per input sample.</summary>
        public int Inputs { get { return _layers[0].Inputs; } }

        /// <summary>Values per output sample.</summary>
        public int Outputs { get { return OutputLayer.OutputSize; } }

        /// <summary>Trainable parameters of every layer.</summary>
        public int ParameterCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _layers.Length; i++)
                {
                    count += _layers[i].ParameterCount;
                }
                return count;
            }
        }

        /// <summary>Bytes every layer needs to predict (see <see cref="TinyNet.Layers.Layer.InferenceBytes()"/>).</summary>
        public int InferenceBytes()
        {
            int bytes = 0;
            for (int i = 0; i < _layers.Length; i++)
            {
                bytes += _layers[i].InferenceBytes();
            }
            return bytes;
        }

        /// <summary>Bytes the network allocated for training: every layer's buffers and the loss gradient.</summary>
        public int TrainingBytes()
        {
            int bytes = 4 * _outputGradients.Length;
            for (int i = 0; i < _layers.Length; i++)
            {
                bytes += _layers[i].TrainingBytes();
            }
            return bytes;
        }

        /// <summary>
        /// Every layer's starting parameters (Glorot-uniform weights and zero biases for dense
        /// layers), from a seed; the same seed gives the same weights on the board and on the host.
        /// </summary>
        public void Initialize(uint seed)
        {
            Prng random = new Prng(seed);
            for (int i = 0; i < _layers.Length; i++)
            {
                _layers[i].Initialize(random);
            }
        }

        /// <summary>Runs the batch (batch × inputs, flat) through every layer; returns the output buffer (batch × outputs).</summary>
        public float[] Forward(float[] input)
        {
            float[] x = input;
            for (int i = 0; i < _layers.Length; i++)
            {
                x = _layers[i].Forward(x);
            }
            return x;
        }

        /// <summary>The loss of the last Forward's outputs against <paramref name="target"/> (batch × outputs).</summary>
        public float LossValue(float[] target)
        {
            Layer last = OutputLayer;
            return Loss.Value(last.Outputs, target, last.BatchSize, last.OutputSize);
        }

        /// <summary>Stores every layer's gradients for the last Forward against <paramref name="target"/> (<see cref="StoredGradients"/>).</summary>
        public void Backward(float[] target)
        {
            Backward(target, StoredGradients.Instance);
        }

        /// <summary>
        /// Backward for the last Forward against <paramref name="target"/>, last layer to first, each
        /// layer handing its parameter gradients to <paramref name="sink"/> (an optimizer strategy).
        /// </summary>
        public void Backward(float[] target, GradientSink sink)
        {
            Layer last = OutputLayer;
            // A loss paired with the output activation may give dL/dZ directly (llm.c's fused
            // softmax + cross-entropy backward); otherwise dL/dY goes through the activation.
            bool skipActivation = Loss.TryPreActivationGradient(last.OutputActivation, last.Outputs, target, _outputGradients, last.BatchSize, last.OutputSize);
            if (!skipActivation)
            {
                Loss.Gradient(last.Outputs, target, _outputGradients, last.BatchSize, last.OutputSize);
            }
            float[] gradient = _outputGradients;
            for (int i = _layers.Length - 1; i >= 0; i--)
            {
                _layers[i].Backward(gradient, skipActivation && i == _layers.Length - 1, i > 0, sink);
                gradient = _layers[i].InputGradients;
            }
        }

        /// <summary>Forward, then the index of the largest output of batch row 0 (the predicted class).</summary>
        public int Predict(float[] input)
        {
            Forward(input);
            return ArgMax(OutputLayer.Outputs, 0, Outputs);
        }

        /// <summary>Forward, then the predicted class of every batch row into <paramref name="classes"/>.</summary>
        public void Predict(float[] input, int[] classes)
        {
            float[] y = Forward(input);
            for (int r = 0; r < BatchSize; r++)
            {
                classes[r] = ArgMax(y, r * Outputs, Outputs);
            }
        }

        /// <summary>Index (relative to offset) of the largest of values[offset..offset+count); the first on ties.</summary>
        public static int ArgMax(float[] values, int offset, int count)
        {
            int best = 0;
            for (int j = 1; j < count; j++)
            {
                if (values[offset + j] > values[offset + best])
                {
                    best = j;
                }
            }
            return best;
        }
    }
}
