using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Lessons
{
    /// <summary>
    /// Seed 000, "The Neuron and Backpropagation": one neuron Y = W·X learns y = 2x from the single
    /// example X = 4, Ŷ = 8 with the squared error L = (Y − Ŷ)², W₀ = 0.5, α = 0.01 (Table 2), then
    /// the same with a trainable bias, as the lecture's "Practical problems" section suggests.
    /// </summary>
    public sealed class NeuronLesson : Lesson
    {
        private const float X = 4f;
        private const float Target = 8f;
        private const float InitialWeight = 0.5f;

        private static readonly LessonTable WeightOnly = LessonTable.WithCounter(
            "Table 2: Y = W·X with X = 4, Ŷ = 8, W₀ = 0.5 (seed 000)",
            new string[] { "Iter", "W", "Y", "L", "dL/dW" }, 4);

        private static readonly LessonTable WithBias = LessonTable.WithCounter(
            "With a trainable bias: Y = W·X + B, W₀ = 0.5, B₀ = 0",
            new string[] { "Iter", "W", "B", "Y", "L", "dL/dW", "dL/dB" }, 4);

        private readonly float[] _input = new float[] { X };
        private readonly float[] _target = new float[] { Target };
        private Network _weightOnly;
        private Network _withBias;
        private Sgd _weightOnlySgd;
        private Sgd _withBiasSgd;
        private Network _network;
        private Sgd _sgd;

        /// <inheritdoc/>
        public override string Name { get { return "neuron"; } }

        /// <inheritdoc/>
        public override string Summary { get { return "one neuron learns y = 2x: Table 2 of seed 000, then with a bias"; } }

        /// <inheritdoc/>
        public override int DefaultSteps { get { return 20; } }

        /// <inheritdoc/>
        public override float DefaultLearningRate { get { return 0.01f; } }

        /// <inheritdoc/>
        public override int TableCount { get { return 2; } }

        /// <inheritdoc/>
        public override LessonTable Table(int index)
        {
            return index == 0 ? WeightOnly : WithBias;
        }

        /// <inheritdoc/>
        protected override void Prepare()
        {
            _weightOnly = NewNeuron(false);
            _withBias = NewNeuron(true);
            _weightOnlySgd = new Sgd(_weightOnly, LearningRate, new ScalarKernels());
            _withBiasSgd = new Sgd(_withBias, LearningRate, new ScalarKernels());
        }

        /// <inheritdoc/>
        protected override void BeginTable(int table)
        {
            _network = table == 0 ? _weightOnly : _withBias;
            _sgd = table == 0 ? _weightOnlySgd : _withBiasSgd;
        }

        private static Network NewNeuron(bool hasBias)
        {
            Network network = Network.Create(1, new int[] { 1, 1 }, new Activation[] { new Identity() }, new SquaredError(), hasBias, new ScalarKernels());
            ((DenseLayer)network.Layer(0)).Weights[0] = InitialWeight;
            return network;
        }

        /// <inheritdoc/>
        protected override bool FillRow(int table, int row, float[] values)
        {
            if (row >= Steps)
            {
                return false;
            }
            DenseLayer neuron = (DenseLayer)_network.Layer(0);
            float w = neuron.Weights[0];
            float b = neuron.HasBias ? neuron.Biases[0] : 0f;
            float y = _network.Forward(_input)[0];
            float loss = _network.LossValue(_target);
            _network.Backward(_target);
            values[0] = row;
            values[1] = w;
            if (table == 0)
            {
                values[2] = y;
                values[3] = loss;
                values[4] = neuron.WeightGradients[0];
            }
            else
            {
                values[2] = b;
                values[3] = y;
                values[4] = loss;
                values[5] = neuron.WeightGradients[0];
                values[6] = neuron.BiasGradients[0];
            }
            _sgd.Step();
            return true;
        }
    }
}
