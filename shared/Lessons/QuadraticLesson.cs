using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Lessons
{
    /// <summary>
    /// Seed 001, "Two Neuron Network": y = x² + 3x + 2 on x = 0, 1, 2. Two linear neurons in series
    /// are still a line, so the best they can reach is the least-squares line y = 5x + 5/3 with a
    /// mean squared error of 2/9 ≈ 0.2222; a small tanh hidden layer with a linear output fits all
    /// three points. Both train with full-batch gradient descent on the MSE from seeded weights.
    /// </summary>
    public sealed class QuadraticLesson : Lesson
    {
        /// <summary>The seed of both networks' initial weights.</summary>
        public const uint Seed = 1;

        /// <summary>Neurons in the tanh hidden layer.</summary>
        public const int HiddenNeurons = 8;

        /// <summary>The smallest mean squared error any line reaches on the three points: 2/9.</summary>
        public const float BestLinearLoss = 2f / 9f;

        private const int ReportedRows = 20;

        private static readonly float[] Xs = new float[] { 0f, 1f, 2f };
        private static readonly float[] Ys = new float[] { 2f, 6f, 12f };

        private static readonly LessonTable Linear = LessonTable.WithCounter(
            "Two linear neurons: Y2 = W2·(W1·X + B1) + B2 is still a line (seed 001)",
            new string[] { "Step", "W1", "B1", "W2", "B2", "L" }, 4);

        private static readonly LessonTable Curved = LessonTable.WithCounter(
            "1 → 8 tanh → 1 linear: Y = W2·tanh(W1·X + B1) + B2",
            new string[] { "Step", "L", "Y(0)", "Y(1)", "Y(2)" }, 4);

        private static readonly LessonTable Fit = new LessonTable(
            "The fit: y = x² + 3x + 2 against both networks",
            new string[] { "x", "y", "linear", "tanh" }, new int[] { 0, 0, 4, 4 });

        private Network _linear;
        private Network _curved;
        private Sgd _linearSgd;
        private Sgd _curvedSgd;
        private int _step;

        /// <inheritdoc/>
        public override string Name { get { return "quadratic"; } }

        /// <inheritdoc/>
        public override string Summary { get { return "y = x² + 3x + 2: two linear neurons cannot fit it, a tanh layer can (seed 001)"; } }

        /// <inheritdoc/>
        public override int DefaultSteps { get { return 2000; } }

        /// <inheritdoc/>
        public override float DefaultLearningRate { get { return 0.01f; } }

        /// <inheritdoc/>
        public override int TableCount { get { return 3; } }

        /// <inheritdoc/>
        public override LessonTable Table(int index)
        {
            switch (index)
            {
                case 0: return Linear;
                case 1: return Curved;
                default: return Fit;
            }
        }

        /// <inheritdoc/>
        protected override void Prepare()
        {
            Activation[] lines = new Activation[] { new Identity(), new Identity() };
            _linear = Network.Create(Xs.Length, new int[] { 1, 1, 1 }, lines, new MeanSquaredError(), true, new ScalarKernels());
            _linear.Initialize(Seed);
            Activation[] curve = new Activation[] { new Tanh(), new Identity() };
            _curved = Network.Create(Xs.Length, new int[] { 1, HiddenNeurons, 1 }, curve, new MeanSquaredError(), true, new ScalarKernels());
            _curved.Initialize(Seed);
            _linearSgd = new Sgd(_linear, LearningRate, new ScalarKernels());
            _curvedSgd = new Sgd(_curved, LearningRate, new ScalarKernels());
        }

        /// <inheritdoc/>
        protected override void BeginTable(int table)
        {
            _step = 0;
        }

        /// <inheritdoc/>
        protected override bool FillRow(int table, int row, float[] values)
        {
            if (table == 2)
            {
                return FitRow(row, values);
            }
            if (_step > Steps)
            {
                return false;
            }
            Network network = table == 0 ? _linear : _curved;
            Sgd sgd = table == 0 ? _linearSgd : _curvedSgd;
            values[0] = _step;
            float[] outputs = network.Forward(Xs);
            float loss = network.LossValue(Ys);
            if (table == 0)
            {
                values[1] = ((DenseLayer)network.Layer(0)).Weights[0];
                values[2] = ((DenseLayer)network.Layer(0)).Biases[0];
                values[3] = ((DenseLayer)network.Layer(1)).Weights[0];
                values[4] = ((DenseLayer)network.Layer(1)).Biases[0];
                values[5] = loss;
            }
            else
            {
                values[1] = loss;
                values[2] = outputs[0];
                values[3] = outputs[1];
                values[4] = outputs[2];
            }
            if (_step == Steps)
            {
                _step++;
                return true;
            }
            int every = Steps / ReportedRows;
            do
            {
                network.Forward(Xs);
                network.Backward(Ys);
                sgd.Step();
                _step++;
            }
            while (!IsReported(_step, Steps, every));
            return true;
        }

        private bool FitRow(int row, float[] values)
        {
            if (row >= Xs.Length)
            {
                return false;
            }
            values[0] = Xs[row];
            values[1] = Ys[row];
            values[2] = _linear.Forward(Xs)[row];
            values[3] = _curved.Forward(Xs)[row];
            return true;
        }
    }
}
