using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Numerics;

namespace TinyNet.Training
{
    /// <summary>
    /// A sequence of dense layers and a loss, with every buffer allocated when it is built.
    /// Forward, Backward, Predict and <see cref="Sgd.Step"/> allocate nothing.
    /// </summary>
    public sealed class Network
    {
        private readonly DenseLayer[] _layers;
        private readonly float[] _outputGradients;

        /// <summary>The loss that <see cref="Backward"/> differentiates.</summary>
        public readonly Loss Loss;

        /// <summary>Chains the layers (each one's neurons must equal the next one's inputs; all share one batch size).</summary>
        public Network(DenseLayer[] layers, Loss loss)
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
                if (layers[i].Inputs != layers[i - 1].Neurons || layers[i].BatchSize != layers[0].BatchSize)
                {
                    throw new System.ArgumentException("layer " + i + " does not fit the layer before it");
                }
            }
            _layers = layers;
            Loss = loss;
            _outputGradients = new float[OutputLayer.BatchSize * OutputLayer.Neurons];
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
            DenseLayer[] layers = new DenseLayer[activations.Length];
            for (int i = 0; i < layers.Length; i++)
            {
                layers[i] = new DenseLayer(sizes[i], sizes[i + 1], batchSize, activations[i], hasBias, kernels);
            }
            return new Network(layers, loss);
        }

        /// <summary>
        /// Bytes a network of this shape allocates for its float buffers (weights, biases,
        /// gradients, activations and the output gradient), before it is built.
        /// </summary>
        public static int RequiredBytes(int batchSize, int[] sizes)
        {
            int floats = 0;
            for (int i = 0; i + 1 < sizes.Length; i++)
            {
                floats += DenseLayer.FloatCount(sizes[i], sizes[i + 1], batchSize);
            }
            floats += batchSize * sizes[sizes.Length - 1];
            int rowLists = 0;
            for (int i = 0; i + 1 < sizes.Length; i++)
            {
                rowLists += 2 * sizes[i];
            }
            return 4 * floats + 4 * rowLists;
        }

        /// <summary>Number of layers.</summary>
        public int LayerCount { get { return _layers.Length; } }

        /// <summary>The i-th layer.</summary>
        public DenseLayer Layer(int i)
        {
            return _layers[i];
        }

        /// <summary>The last layer, whose Outputs are the network's outputs.</summary>
        public DenseLayer OutputLayer { get { return _layers[_layers.Length - 1]; } }

        /// <summary>Samples per call.</summary>
        public int BatchSize { get { return _layers[0].BatchSize; } }

        /// <summary>Values per input sample.</summary>
        public int Inputs { get { return _layers[0].Inputs; } }

        /// <summary>Values per output sample.</summary>
        public int Outputs { get { return OutputLayer.Neurons; } }

        /// <summary>Trainable parameters (weights and biases of layers that have them).</summary>
        public int ParameterCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _layers.Length; i++)
                {
                    count += _layers[i].Weights.Length + (_layers[i].HasBias ? _layers[i].Biases.Length : 0);
                }
                return count;
            }
        }

        /// <summary>
        /// Glorot-uniform weights (U(±√(6 / (inputs + neurons)))) and zero biases, from a seed;
        /// the same seed gives the same weights on the board and on the host.
        /// </summary>
        public void Initialize(uint seed)
        {
            Prng random = new Prng(seed);
            for (int i = 0; i < _layers.Length; i++)
            {
                DenseLayer layer = _layers[i];
                float limit = MathSeam.Sqrt(6f / (layer.Inputs + layer.Neurons));
                for (int w = 0; w < layer.Weights.Length; w++)
                {
                    layer.Weights[w] = random.NextSymmetric(limit);
                }
                System.Array.Clear(layer.Biases, 0, layer.Biases.Length);
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
            DenseLayer last = OutputLayer;
            return Loss.Value(last.Outputs, target, last.BatchSize, last.Neurons);
        }

        /// <summary>Fills every layer's gradients for the last Forward against <paramref name="target"/>.</summary>
        public void Backward(float[] target)
        {
            DenseLayer last = OutputLayer;
            int lastIndex = _layers.Length - 1;
            if (Loss.TryPreActivationGradient(last.Activation, last.Outputs, target, last.PreActivationGradients, last.BatchSize, last.Neurons))
            {
                last.BackwardFromPreActivation(lastIndex > 0);
            }
            else
            {
                Loss.Gradient(last.Outputs, target, _outputGradients, last.BatchSize, last.Neurons);
                last.Backward(_outputGradients, lastIndex > 0);
            }
            for (int i = lastIndex - 1; i >= 0; i--)
            {
                _layers[i].Backward(_layers[i + 1].InputGradients, i > 0);
            }
        }

        /// <summary>
        /// <see cref="Backward"/> and a plain SGD step (learning rate α, no momentum) in one pass:
        /// each layer computes the gradient it passes back with its weights before the step, then
        /// updates them without storing dL/dW. Same result as Backward then <see cref="Sgd.Step"/> up to float rounding.
        /// </summary>
        public void BackwardAndStep(float[] target, float learningRate)
        {
            DenseLayer last = OutputLayer;
            int lastIndex = _layers.Length - 1;
            if (Loss.TryPreActivationGradient(last.Activation, last.Outputs, target, last.PreActivationGradients, last.BatchSize, last.Neurons))
            {
                last.BackwardFromPreActivationAndStep(learningRate, lastIndex > 0);
            }
            else
            {
                Loss.Gradient(last.Outputs, target, _outputGradients, last.BatchSize, last.Neurons);
                last.BackwardAndStep(_outputGradients, learningRate, lastIndex > 0);
            }
            for (int i = lastIndex - 1; i >= 0; i--)
            {
                _layers[i].BackwardAndStep(_layers[i + 1].InputGradients, learningRate, i > 0);
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
