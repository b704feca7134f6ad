using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Lessons
{
    /// <summary>
    /// Seed 004, second example: inputs x = (1, 2) → one sigmoid hidden neuron (w₁ = 0.10,
    /// w₂ = −0.30) → one sigmoid output (w₃ = 0.50), no biases, target 1, L = ½(y − ŷ)², α = 0.1.
    /// Row 0 is the lecture's forward and backward pass (loss 0.10258), row 1 its updated weights
    /// 0.10132, −0.29736, 0.50424 and new loss 0.1023.
    /// </summary>
    public sealed class SigmoidLesson : Lesson
    {
        private static readonly LessonTable Training = LessonTable.WithCounter(
            "2 inputs → 1 sigmoid → 1 sigmoid, x = (1, 2), y = 1, w = 0.10, −0.30, 0.50 (seed 004)",
            new string[] { "Iter", "w1", "w2", "w3", "h", "y^", "L", "dL/dw1", "dL/dw2", "dL/dw3" }, 5);

        private readonly float[] _input = new float[] { 1f, 2f };
        private readonly float[] _target = new float[] { 1f };
        private Network _network;
        private Sgd _sgd;

        /// <inheritdoc/>
        public override string Name { get { return "sigmoid"; } }

        /// <inheritdoc/>
        public override string Summary { get { return "a 2-1-1 sigmoid network, one step by hand then more (seed 004)"; } }

        /// <inheritdoc/>
        public override int DefaultSteps { get { return 20; } }

        /// <inheritdoc/>
        public override float DefaultLearningRate { get { return 0.1f; } }

        /// <inheritdoc/>
        public override int TableCount { get { return 1; } }

        /// <inheritdoc/>
        public override LessonTable Table(int index)
        {
            return Training;
        }

        /// <inheritdoc/>
        protected override void Prepare()
        {
            Activation[] sigmoids = new Activation[] { new Sigmoid(), new Sigmoid() };
            _network = Network.Create(1, new int[] { 2, 1, 1 }, sigmoids, new HalfSquaredError(), false, new ScalarKernels());
            // Weights are inputs × neurons: row k holds the weights leaving input k.
            ((DenseLayer)_network.Layer(0)).Weights[0] = 0.10f;
            ((DenseLayer)_network.Layer(0)).Weights[1] = -0.30f;
            ((DenseLayer)_network.Layer(1)).Weights[0] = 0.50f;
            _sgd = new Sgd(_network, LearningRate, new ScalarKernels());
        }

        /// <inheritdoc/>
        protected override void BeginTable(int table)
        {
        }

        /// <inheritdoc/>
        protected override bool FillRow(int table, int row, float[] values)
        {
            if (row >= Steps)
            {
                return false;
            }
            DenseLayer hidden = (DenseLayer)_network.Layer(0);
            DenseLayer output = (DenseLayer)_network.Layer(1);
            values[0] = row;
            values[1] = hidden.Weights[0];
            values[2] = hidden.Weights[1];
            values[3] = output.Weights[0];
            values[5] = _network.Forward(_input)[0];
            values[4] = hidden.Outputs[0];
            values[6] = _network.LossValue(_target);
            _network.Backward(_target);
            values[7] = hidden.WeightGradients[0];
            values[8] = hidden.WeightGradients[1];
            values[9] = output.WeightGradients[0];
            _sgd.Step();
            return true;
        }
    }
}
