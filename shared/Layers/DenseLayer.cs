using TinyNet.Activations;
using TinyNet.Kernels;

namespace TinyNet.Layers
{
    /// <summary>
    /// A fully connected layer over a fixed batch: Z = X·W + B, Y = f(Z).
    /// </summary>
    /// <remarks>
    /// X is batch × inputs, W is inputs × neurons (row k holds the weights leaving input k),
    /// B is broadcast over the batch. Every buffer is allocated here; Forward and Backward
    /// allocate nothing. The chain rule is written once:
    /// dL/dW = Xᵀ · dL/dZ, dL/dB = Σ_batch dL/dZ, dL/dX = dL/dZ · Wᵀ, with dL/dZ = dL/dY ⊙ f'(Z).
    /// </remarks>
    public sealed class DenseLayer
    {
        /// <summary>Values per sample coming in.</summary>
        public readonly int Inputs;
        /// <summary>Neurons, that is values per sample going out.</summary>
        public readonly int Neurons;
        /// <summary>Samples per Forward call.</summary>
        public readonly int BatchSize;
        /// <summary>The non-linearity f.</summary>
        public readonly Activation Activation;
        /// <summary>False for a layer without bias (B stays zero and is never trained).</summary>
        public readonly bool HasBias;

        /// <summary>W, inputs × neurons.</summary>
        public readonly float[] Weights;
        /// <summary>B, one per neuron.</summary>
        public readonly float[] Biases;
        /// <summary>dL/dW from the last Backward; zero in every row whose input was zero in the whole batch.</summary>
        public readonly float[] WeightGradients;
        /// <summary>dL/dB from the last Backward.</summary>
        public readonly float[] BiasGradients;
        /// <summary>Z from the last Forward, batch × neurons.</summary>
        public readonly float[] PreActivations;
        /// <summary>Y from the last Forward, batch × neurons.</summary>
        public readonly float[] Outputs;
        /// <summary>dL/dZ from the last Backward, batch × neurons.</summary>
        public readonly float[] PreActivationGradients;
        /// <summary>dL/dX from the last Backward, batch × inputs (left untouched when not needed).</summary>
        public readonly float[] InputGradients;

        private readonly ScalarKernels _kernels;
        private float[] _input;

        // Input rows (k) that were nonzero somewhere in the last Forward's batch: only these rows
        // of dL/dW can be nonzero. _gradientRows lists the rows dL/dW currently holds.
        private readonly int[] _activeRows;
        private int _activeRowCount;
        private readonly int[] _gradientRows;
        private int _gradientRowCount;

        /// <summary>Builds the layer and allocates all its buffers; weights start at zero.</summary>
        public DenseLayer(int inputs, int neurons, int batchSize, Activation activation, bool hasBias, ScalarKernels kernels)
        {
            if (inputs <= 0 || neurons <= 0 || batchSize <= 0)
            {
                throw new System.ArgumentException("inputs, neurons and batch size must be positive");
            }
            if (activation == null || kernels == null)
            {
                throw new System.ArgumentNullException(activation == null ? "activation" : "kernels");
            }
            Inputs = inputs;
            Neurons = neurons;
            BatchSize = batchSize;
            Activation = activation;
            HasBias = hasBias;
            _kernels = kernels;
            Weights = new float[inputs * neurons];
            Biases = new float[neurons];
            WeightGradients = new float[inputs * neurons];
            BiasGradients = new float[neurons];
            PreActivations = new float[batchSize * neurons];
            Outputs = new float[batchSize * neurons];
            PreActivationGradients = new float[batchSize * neurons];
            InputGradients = new float[batchSize * inputs];
            _activeRows = new int[inputs];
            _gradientRows = new int[inputs];
        }

        /// <summary>Floats this layer allocates for a given shape (weights, biases, gradients, activations).</summary>
        public static int FloatCount(int inputs, int neurons, int batchSize)
        {
            return 2 * inputs * neurons + 2 * neurons + 3 * batchSize * neurons + batchSize * inputs;
        }

        /// <summary>Input rows with a nonzero gradient row after the last Backward.</summary>
        public int GradientRowCount { get { return _gradientRowCount; } }

        /// <summary>The k-th input row index with a nonzero gradient row (k &lt; <see cref="GradientRowCount"/>).</summary>
        public int GradientRow(int k)
        {
            return _gradientRows[k];
        }

        /// <summary>Y = f(X·W + B) for a batch; X is kept (not copied) for Backward.</summary>
        public float[] Forward(float[] input)
        {
            _input = input;
            _kernels.MatMulAddBias(input, Weights, HasBias ? Biases : null, PreActivations, BatchSize, Inputs, Neurons);
            Activation.Forward(_kernels, PreActivations, Outputs, BatchSize, Neurons);
            FindActiveRows(input);
            return Outputs;
        }

        /// <summary>Backward from dL/dY: runs the activation's derivative, then <see cref="BackwardFromPreActivation"/>.</summary>
        public void Backward(float[] outputGradients, bool computeInputGradients)
        {
            Activation.Backward(PreActivations, Outputs, outputGradients, PreActivationGradients, BatchSize, Neurons);
            BackwardFromPreActivation(computeInputGradients);
        }

        /// <summary>
        /// Backward once <see cref="PreActivationGradients"/> holds dL/dZ: fills dL/dW, dL/dB and,
        /// when asked (every layer but the first), dL/dX.
        /// </summary>
        public void BackwardFromPreActivation(bool computeInputGradients)
        {
            // Clear the rows the previous step left, then fill the rows this batch touches.
            for (int i = 0; i < _gradientRowCount; i++)
            {
                System.Array.Clear(WeightGradients, _gradientRows[i] * Neurons, Neurons);
            }
            _kernels.WeightGradient(_input, PreActivationGradients, WeightGradients, BatchSize, Inputs, Neurons, _activeRows, _activeRowCount);
            System.Array.Copy(_activeRows, _gradientRows, _activeRowCount);
            _gradientRowCount = _activeRowCount;

            if (HasBias)
            {
                _kernels.SumRows(PreActivationGradients, BiasGradients, BatchSize, Neurons);
            }
            if (computeInputGradients)
            {
                _kernels.MatMulTransposed(PreActivationGradients, Weights, InputGradients, BatchSize, Inputs, Neurons);
            }
        }

        /// <summary>
        /// <see cref="Backward"/> fused with a plain SGD step: runs the activation's derivative,
        /// then <see cref="BackwardFromPreActivationAndStep"/>.
        /// </summary>
        public void BackwardAndStep(float[] outputGradients, float learningRate, bool computeInputGradients)
        {
            Activation.Backward(PreActivations, Outputs, outputGradients, PreActivationGradients, BatchSize, Neurons);
            BackwardFromPreActivationAndStep(learningRate, computeInputGradients);
        }

        /// <summary>
        /// Once <see cref="PreActivationGradients"/> holds dL/dZ: computes dL/dX (when asked) with the
        /// weights as they are, then applies W ← W − α · dL/dW and B ← B − α · dL/dB directly.
        /// </summary>
        /// <remarks>
        /// The same update as <see cref="BackwardFromPreActivation"/> followed by <see cref="TinyNet.Training.Sgd.Step"/>
        /// without momentum (up to float rounding), but dL/dW is never stored: writing, clearing and
        /// re-reading it was most of a training step's memory traffic. <see cref="WeightGradients"/>
        /// is left all zero (<see cref="GradientRowCount"/> 0); <see cref="BiasGradients"/> holds dL/dB.
        /// </remarks>
        public void BackwardFromPreActivationAndStep(float learningRate, bool computeInputGradients)
        {
            if (computeInputGradients)
            {
                _kernels.MatMulTransposed(PreActivationGradients, Weights, InputGradients, BatchSize, Inputs, Neurons);
            }
            for (int i = 0; i < _gradientRowCount; i++)
            {
                System.Array.Clear(WeightGradients, _gradientRows[i] * Neurons, Neurons);
            }
            _gradientRowCount = 0;
            _kernels.AddWeightGradient(-learningRate, _input, PreActivationGradients, Weights, BatchSize, Inputs, Neurons, _activeRows, _activeRowCount);
            if (HasBias)
            {
                _kernels.SumRows(PreActivationGradients, BiasGradients, BatchSize, Neurons);
                _kernels.Axpy(-learningRate, BiasGradients, 0, Biases, 0, Neurons);
            }
        }

        private void FindActiveRows(float[] input)
        {
            _activeRowCount = _kernels.NonzeroColumns(input, BatchSize, Inputs, _activeRows);
        }
    }
}
