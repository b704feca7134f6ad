using System.Diagnostics;
using TinyNet.Activations;
using TinyNet.Host.Datasets;
using TinyNet.Host.Kernels;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Host.Training;

/// <summary>
/// Trains inputs → hidden (tanh) → classes (softmax, cross-entropy) on any labelled data set
/// (<c>train csv</c>, <c>train images</c>) with the shared engine and the host's vectorized kernels,
/// with the recipe's batch, epochs, learning-rate schedule and seed (its MNIST-only shift is not used).
/// </summary>
/// <remarks>
/// With <c>standardize</c>, each feature is standardized with the mean and std of the training
/// samples (<see cref="FeatureScaling"/>) for training and testing, and <see cref="ToModel"/> folds
/// that scaling into the first layer, so the model takes the raw values. Each epoch visits the
/// samples in a new order drawn from <see cref="Prng"/>: a seed fixes the result exactly.
/// </remarks>
public sealed class DatasetTrainer : IEpochTrainer
{
    private readonly MnistRecipe _recipe;
    private readonly float[] _trainInputs;
    private readonly byte[] _trainLabels;
    private readonly float[] _testInputs;
    private readonly byte[] _testLabels;
    private readonly int[] _order;
    private readonly float[] _batchInputs;
    private readonly float[] _batchTargets;
    private readonly Sgd _sgd;
    private readonly Prng _shuffle;
    private readonly NetworkEvaluator _evaluator;
    private readonly int _classes;
    private readonly string[] _classNames;

    /// <summary>Prepares a run on <paramref name="train"/>, testing on <paramref name="test"/> after each epoch (same features and classes).</summary>
    public DatasetTrainer(MnistRecipe recipe, LabeledData train, LabeledData test, bool standardize)
    {
        recipe.Validate();
        if (train.Count < recipe.BatchSize)
            throw new UserError($"--batch {recipe.BatchSize} is larger than the {train.Count} training samples; give a smaller --batch", 2);
        if (test.Features != train.Features || test.Classes != train.Classes)
            throw new ArgumentException("the test set must have the training set's features and classes");
        _recipe = recipe;
        _classes = train.Classes;
        _classNames = train.ClassNames;
        Scaling = standardize ? FeatureScaling.Learn(train) : null;
        _trainInputs = Scaling?.Apply(train) ?? train.Inputs;
        _testInputs = Scaling?.Apply(test) ?? test.Inputs;
        _trainLabels = train.Labels;
        _testLabels = test.Labels;
        _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;

        Network = Network.Create(recipe.BatchSize, new[] { train.Features, recipe.Hidden, _classes },
            new Activation[] { new Tanh(), new Softmax() }, new SoftmaxCrossEntropy(), true, VectorKernels.Instance);
        Network.Initialize(recipe.Seed);
        _sgd = new Sgd(Network, recipe.LearningRate, recipe.Momentum, VectorKernels.Instance);
        // A stream apart from the initialisation's, still fixed by the seed.
        _shuffle = new Prng(recipe.Seed ^ 0xA5A5A5A5u);
        _batchInputs = new float[recipe.BatchSize * train.Features];
        _batchTargets = new float[recipe.BatchSize * _classes];
        _evaluator = new NetworkEvaluator(Network);
        _divergedLoss = 2 * Math.Log(_classes);
    }

    /// <summary>The network being trained, on standardized inputs when <see cref="Scaling"/> is set.</summary>
    public Network Network { get; }

    /// <summary>The standardization learned on the training samples, or null.</summary>
    public FeatureScaling? Scaling { get; }

    /// <summary>Training samples.</summary>
    public int TrainCount => _order.Length;

    /// <summary>SGD steps per epoch (a last partial batch is skipped; the shuffle changes which samples that is).</summary>
    public int BatchesPerEpoch => _order.Length / _recipe.BatchSize;

    // Twice the loss of a uniform guess: no learning run ends an epoch above it.
    private readonly double _divergedLoss;

    /// <summary>
    /// Runs every epoch (see <see cref="IEpochTrainer"/>). Throws a <see cref="UserError"/> as soon
    /// as the loss stops being a finite number or an epoch ends worse than guessing.
    /// </summary>
    public IReadOnlyList<MnistEpoch> Train(Action<MnistBatchProgress>? onBatch = null, Action<MnistEpoch>? onEpoch = null)
    {
        var epochs = new List<MnistEpoch>(_recipe.Epochs);
        long totalSteps = (long)_recipe.Epochs * BatchesPerEpoch, step = 0;
        for (int epoch = 1; epoch <= _recipe.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            _shuffle.Shuffle(_order, _order.Length);
            double lossSum = 0;
            int batches = BatchesPerEpoch;
            for (int b = 0; b < batches; b++)
            {
                float loss = TrainBatch(b, _recipe.LearningRateAt(step++, totalSteps));
                if (!float.IsFinite(loss))
                    throw new UserError($"training diverged in epoch {epoch} (the loss became {loss}); lower --lr (it is {_recipe.LearningRate}) and train again; no model was written");
                lossSum += loss;
                onBatch?.Invoke(new MnistBatchProgress(epoch, b + 1, batches));
            }
            double trainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            double meanLoss = lossSum / batches;
            if (meanLoss > _divergedLoss)
                throw new UserError($"training diverged in epoch {epoch} (mean loss {meanLoss:F2}, worse than guessing: {Math.Log(_classes):F2}); lower --lr (it is {_recipe.LearningRate}) and train again; no model was written");
            long evalStarted = Stopwatch.GetTimestamp();
            double accuracy = TestAccuracy();
            var result = new MnistEpoch(epoch, meanLoss, accuracy, trainSeconds, Stopwatch.GetElapsedTime(evalStarted).TotalSeconds, _sgd.LearningRate);
            epochs.Add(result);
            onEpoch?.Invoke(result);
        }
        return epochs;
    }

    /// <summary>Accuracy of the current weights on the test set; fills an actual × predicted confusion matrix when given.</summary>
    public double TestAccuracy(int[]? confusion = null) => _evaluator.Accuracy(Network, _testInputs, _testLabels, confusion);

    /// <summary>
    /// The trained network as a float32 model named <paramref name="name"/> with the class names, the
    /// standardization folded into its first layer (so it takes raw values).
    /// </summary>
    public Model ToModel(string name)
    {
        Model model = ModelConvert.FromNetwork(Network, name, _classNames);
        return Scaling == null ? model : Scaling.Fold(model);
    }

    private float TrainBatch(int b, float learningRate)
    {
        int batch = _recipe.BatchSize, width = Network.Inputs;
        for (int r = 0; r < batch; r++)
        {
            int sample = _order[b * batch + r];
            Array.Copy(_trainInputs, (long)sample * width, _batchInputs, (long)r * width, width);
            _batchTargets[r * _classes + _trainLabels[sample]] = 1f;
        }
        Network.Forward(_batchInputs);
        float loss = Network.LossValue(_batchTargets);
        if (float.IsFinite(loss))
        {
            _sgd.LearningRate = learningRate;
            _sgd.BackwardAndStep(_batchTargets);
        }
        Array.Clear(_batchTargets);
        return loss;
    }
}
