using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Lessons
{
    /// <summary>
    /// Seed 004, first example: two weights in a chain, ŷ = x·w₁·w₂ with x = 2, y = 20, w₁ = 2,
    /// w₂ = 0.5, α = 0.01 and L = ½(y − ŷ)². The first rows are the lecture's hand calculation
    /// (gradients −18 and −72, then w₁ = 2.18, w₂ = 1.22); it then trains on until the loss is
    /// negligible. The lecture prints the loss after one step as 107.88; the exact value is 107.76
    /// (it rounds 14.6808² to 215.76 instead of 215.53).
    /// </summary>
    public sealed class ChainLesson : Lesson
    {
        /// <summary>The loss below which training counts as done.</summary>
        public const float NegligibleLoss = 1e-6f;

        private static readonly LessonTable Steps2 = LessonTable.WithCounter(
            "ŷ = x·w₁·w₂, x = 2, y = 20, w₁ = 2, w₂ = 0.5, L = ½(y − ŷ)² (seed 004)",
            new string[] { "Iter", "w1", "w2", "h", "y^", "L", "dL/dw1", "dL/dw2" }, 4);

        private readonly float[] _input = new float[] { 2f };
        private readonly float[] _target = new float[] { 20f };
        private Network _network;
        private Sgd _sgd;
        private bool _done;

        /// <inheritdoc/>
        public override string Name { get { return "chain"; } }

        /// <inheritdoc/>
        public override string Summary { get { return "two weights in a chain, trained by the chain rule (seed 004)"; } }

        /// <inheritdoc/>
        public override int DefaultSteps { get { return 100; } }

        /// <inheritdoc/>
        public override float DefaultLearningRate { get { return 0.01f; } }

        /// <inheritdoc/>
        public override int TableCount { get { return 1; } }

        /// <inheritdoc/>
        public override LessonTable Table(int index)
        {
            return Steps2;
        }

        /// <inheritdoc/>
        protected override void Prepare()
        {
            Activation[] linear = new Activation[] { new Identity(), new Identity() };
            _network = Network.Create(1, new int[] { 1, 1, 1 }, linear, new HalfSquaredError(), false, new ScalarKernels());
            ((DenseLayer)_network.Layer(0)).Weights[0] = 2f;
            ((DenseLayer)_network.Layer(1)).Weights[0] = 0.5f;
            _sgd = new Sgd(_network, LearningRate, new ScalarKernels());
            _done = false;
        }

        /// <inheritdoc/>
        protected override void BeginTable(int table)
        {
        }

        /// <inheritdoc/>
        protected override bool FillRow(int table, int row, float[] values)
        {
            // Stops after the first row whose loss is negligible, or after Steps updates.
            if (_done || row > Steps)
            {
                return false;
            }
            DenseLayer first = (DenseLayer)_network.Layer(0);
            DenseLayer second = (DenseLayer)_network.Layer(1);
            values[0] = row;
            values[1] = first.Weights[0];
            values[2] = second.Weights[0];
            float prediction = _network.Forward(_input)[0];
            values[3] = first.Outputs[0];
            values[4] = prediction;
            float loss = _network.LossValue(_target);
            values[5] = loss;
            _network.Backward(_target);
            values[6] = first.WeightGradients[0];
            values[7] = second.WeightGradients[0];
            _done = loss < NegligibleLoss;
            _sgd.Step();
            return true;
        }
    }
}
