using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Lessons
{
    /// <summary>
    /// Seed 002, "Introduction to Neural Networks": a 2-2-1 sigmoid network with biases predicts
    /// gender from weight − 135 lb and height − 66 in (Alice, Bob, Charlie, Diana; female = 1) under
    /// the mean squared error. It shows the lecture's feedforward example, its hand-computed
    /// dL/dw₁ = 0.0214 for Alice alone at all-ones weights and zero biases, then trains with
    /// per-sample SGD (α = 0.1, 1000 epochs from seeded weights) and predicts two new people.
    /// </summary>
    /// <remarks>
    /// The lecture also gives ∂h₁/∂b₁ = f(−3)(1 − f(−3)) as 0.047 × 0.953 = 0.044791, rounding f(−3)
    /// before multiplying; the exact value is 0.045177.
    /// </remarks>
    public sealed class GenderLesson : Lesson
    {
        /// <summary>The seed of the training run's initial weights.</summary>
        public const uint Seed = 2;

        private const int ReportEvery = 10;

        // Weight − 135, height − 66, female (1) or male (0): Alice, Bob, Charlie, Diana.
        private static readonly float[] People = new float[] { -2f, -1f, 1f, 25f, 6f, 0f, 17f, 4f, 0f, -15f, -6f, 1f };

        // Two people the network has not seen: Emily (128 lb, 63 in) and Frank (155 lb, 68 in).
        private static readonly float[] NewPeople = new float[] { -7f, -3f, 20f, 2f };

        private static readonly LessonTable Feedforward = LessonTable.Uniform(
            "Feedforward: every neuron w = [0, 1], b = 0, input x = [2, 3] (seed 002)",
            new string[] { "x1", "x2", "h1", "h2", "o1" }, 4);

        private static readonly LessonTable Partial = LessonTable.Uniform(
            "dL/dw1 for Alice alone, all weights 1, biases 0, L = (1 − y_pred)²",
            new string[] { "h1", "h2", "o1", "L", "dL/dypred", "dypred/dh1", "dh1/dw1", "dL/dw1", "dh1/db1", "dL/db1" }, 5);

        private static readonly LessonTable Training = LessonTable.WithCounter(
            "Training: per-sample SGD on Alice, Bob, Charlie, Diana (MSE over all four)",
            new string[] { "Epoch", "Loss" }, 4);

        private static readonly LessonTable Predictions = new LessonTable(
            "Predictions (1 = female): the four, then Emily and Frank",
            new string[] { "Weight-135", "Height-66", "Female" }, new int[] { 0, 0, 3 });

        private readonly float[] _input = new float[2];
        private readonly float[] _target = new float[1];
        // The hand-worked examples set their own weights; training starts from seeded ones.
        private Network _byHand;
        private Network _network;
        private Sgd _sgd;
        private int _epoch;

        /// <inheritdoc/>
        public override string Name { get { return "gender"; } }

        /// <inheritdoc/>
        public override string Summary { get { return "a 2-2-1 sigmoid network predicts gender from weight and height (seed 002)"; } }

        /// <inheritdoc/>
        public override int DefaultSteps { get { return 1000; } }

        /// <inheritdoc/>
        public override float DefaultLearningRate { get { return 0.1f; } }

        /// <inheritdoc/>
        public override int TableCount { get { return 4; } }

        /// <inheritdoc/>
        public override LessonTable Table(int index)
        {
            switch (index)
            {
                case 0: return Feedforward;
                case 1: return Partial;
                case 2: return Training;
                default: return Predictions;
            }
        }

        /// <inheritdoc/>
        protected override void Prepare()
        {
            Activation[] sigmoids = new Activation[] { new Sigmoid(), new Sigmoid() };
            _byHand = Network.Create(1, new int[] { 2, 2, 1 }, sigmoids, new MeanSquaredError(), true, new ScalarKernels());
            _network = Network.Create(1, new int[] { 2, 2, 1 }, sigmoids, new MeanSquaredError(), true, new ScalarKernels());
            _network.Initialize(Seed);
            _sgd = new Sgd(_network, LearningRate, new ScalarKernels());
        }

        /// <inheritdoc/>
        protected override void BeginTable(int table)
        {
            DenseLayer hidden = (DenseLayer)_byHand.Layer(0);
            DenseLayer output = (DenseLayer)_byHand.Layer(1);
            if (table == 0)
            {
                // w = [0, 1] for every neuron: the weight from input 1 is 0, from input 2 is 1.
                SetAll(hidden.Weights, 0f);
                hidden.Weights[2] = 1f;
                hidden.Weights[3] = 1f;
                output.Weights[0] = 0f;
                output.Weights[1] = 1f;
                SetAll(hidden.Biases, 0f);
                SetAll(output.Biases, 0f);
            }
            else if (table == 1)
            {
                SetAll(hidden.Weights, 1f);
                SetAll(output.Weights, 1f);
                SetAll(hidden.Biases, 0f);
                SetAll(output.Biases, 0f);
            }
            else if (table == 2)
            {
                _epoch = 0;
            }
        }

        /// <inheritdoc/>
        protected override bool FillRow(int table, int row, float[] values)
        {
            switch (table)
            {
                case 0: return row == 0 && FeedforwardRow(values);
                case 1: return row == 0 && PartialRow(values);
                case 2: return TrainingRow(values);
                default: return PredictionRow(row, values);
            }
        }

        private bool FeedforwardRow(float[] values)
        {
            _input[0] = 2f;
            _input[1] = 3f;
            float o1 = _byHand.Forward(_input)[0];
            values[0] = 2f;
            values[1] = 3f;
            values[2] = _byHand.Layer(0).Outputs[0];
            values[3] = _byHand.Layer(0).Outputs[1];
            values[4] = o1;
            return true;
        }

        // The lecture's chain-rule factors from the network's values, beside the engine's own gradients.
        private bool PartialRow(float[] values)
        {
            DenseLayer hidden = (DenseLayer)_byHand.Layer(0);
            DenseLayer output = (DenseLayer)_byHand.Layer(1);
            float x1 = People[0];
            _input[0] = x1;
            _input[1] = People[1];
            _target[0] = People[2];
            float o1 = _byHand.Forward(_input)[0];
            float h1 = hidden.Outputs[0];
            values[0] = h1;
            values[1] = hidden.Outputs[1];
            values[2] = o1;
            values[3] = _byHand.LossValue(_target);
            _byHand.Backward(_target);
            values[4] = -2f * (_target[0] - o1);
            values[5] = output.Weights[0] * o1 * (1f - o1);
            values[6] = x1 * h1 * (1f - h1);
            values[7] = hidden.WeightGradients[0];
            values[8] = h1 * (1f - h1);
            values[9] = hidden.BiasGradients[0];
            return true;
        }

        private bool TrainingRow(float[] values)
        {
            if (_epoch > Steps)
            {
                return false;
            }
            values[0] = _epoch;
            values[1] = MeanLoss();
            if (_epoch == Steps)
            {
                _epoch++;
                return true;
            }
            do
            {
                TrainEpoch();
                _epoch++;
            }
            while (!IsReported(_epoch, Steps, ReportEvery));
            return true;
        }

        private bool PredictionRow(int row, float[] values)
        {
            int known = People.Length / 3;
            if (row < known)
            {
                _input[0] = People[row * 3];
                _input[1] = People[row * 3 + 1];
            }
            else if (row < known + NewPeople.Length / 2)
            {
                _input[0] = NewPeople[(row - known) * 2];
                _input[1] = NewPeople[(row - known) * 2 + 1];
            }
            else
            {
                return false;
            }
            values[0] = _input[0];
            values[1] = _input[1];
            values[2] = _network.Forward(_input)[0];
            return true;
        }

        private void TrainEpoch()
        {
            for (int p = 0; p < People.Length / 3; p++)
            {
                _input[0] = People[p * 3];
                _input[1] = People[p * 3 + 1];
                _target[0] = People[p * 3 + 2];
                _network.Forward(_input);
                _network.Backward(_target);
                _sgd.Step();
            }
        }

        private float MeanLoss()
        {
            float sum = 0f;
            int count = People.Length / 3;
            for (int p = 0; p < count; p++)
            {
                _input[0] = People[p * 3];
                _input[1] = People[p * 3 + 1];
                _target[0] = People[p * 3 + 2];
                _network.Forward(_input);
                sum += _network.LossValue(_target);
            }
            return sum / count;
        }

        private static void SetAll(float[] values, float value)
        {
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = value;
            }
        }
    }
}
