using System.Diagnostics;
using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Losses;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Host.Training;

/// <summary>
/// Trains inputs → hidden (tanh) → classes (softmax, cross-entropy) with the shared engine
/// (<see cref="Network"/>, <see cref="Sgd"/>) and the host's vectorized kernels, epoch by epoch:
/// what MNIST and any labelled data set share. A subclass only says how a batch is gathered
/// (<see cref="FillBatch"/>); the epoch loop, the SGD step and the divergence checks are here.
/// </summary>
/// <remarks>
/// Training allocates nothing per step: a step copies the batch's samples into the input buffer and
/// one-hot targets into the target buffer. Each epoch visits the samples in a new order drawn from
/// <see cref="Prng"/>, a stream apart from the initialisation's, so a seed fixes the result exactly.
/// Without momentum each step runs the engine's fused backward + SGD update.
/// </remarks>
public abstract class EpochTrainer
{
    private readonly int[] _order;
    private readonly float[] _testInputs;
    private readonly byte[] _testLabels;
    private readonly Sgd _sgd;
    private readonly NetworkEvaluator _evaluator;
    private readonly double _divergedLoss;

    /// <summary>
    /// Builds and initialises the network from the recipe's seed for <paramref name="trainCount"/>
    /// training samples of <paramref name="features"/> values in <paramref name="classes"/> classes,
    /// tested on <paramref name="testInputs"/> (scaled as training sees them) after each epoch.
    /// </summary>
    protected EpochTrainer(MnistRecipe recipe, int trainCount, int features, int classes, float[] testInputs, byte[] testLabels)
    {
        Recipe = recipe;
        Classes = classes;
        _order = new int[trainCount];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;
        _testInputs = testInputs;
        _testLabels = testLabels;
        Network = Network.Create(recipe.BatchSize, new[] { features, recipe.Hidden, classes },
            new Activation[] { new Tanh(), new Softmax() }, new SoftmaxCrossEntropy(), true, VectorKernels.Instance);
        Network.Initialize(recipe.Seed);
        _sgd = new Sgd(Network, recipe.LearningRate, recipe.Momentum, VectorKernels.Instance);
        Shuffle = new Prng(recipe.Seed ^ 0xA5A5A5A5u);
        BatchInputs = new float[recipe.BatchSize * features];
        BatchTargets = new float[recipe.BatchSize * classes];
        _evaluator = new NetworkEvaluator(Network);
        // Twice the loss of a uniform guess: no learning run ends an epoch above it.
        _divergedLoss = 2 * Math.Log(classes);
    }

    /// <summary>The network being trained (its weights are the result once <see cref="Train"/> returns).</summary>
    public Network Network { get; }

    /// <summary>Training samples used.</summary>
    public int TrainCount => _order.Length;

    /// <summary>SGD steps per epoch (a last partial batch is skipped; the shuffle changes which samples that is).</summary>
    public int BatchesPerEpoch => _order.Length / Recipe.BatchSize;

    /// <summary>The run's batch, epochs, learning-rate schedule and seed.</summary>
    protected MnistRecipe Recipe { get; }

    /// <summary>Number of classes (outputs).</summary>
    protected int Classes { get; }

    /// <summary>The epoch order's random stream (a subclass may draw augmentation from it too).</summary>
    protected Prng Shuffle { get; }

    /// <summary>The batch's inputs, rows of the network's input width, filled by <see cref="FillBatch"/>.</summary>
    protected float[] BatchInputs { get; }

    /// <summary>The batch's one-hot targets, filled by <see cref="FillBatch"/> and cleared after each step.</summary>
    protected float[] BatchTargets { get; }

    /// <summary>The training sample at <paramref name="position"/> of the current epoch's order.</summary>
    protected int SampleAt(int position) => _order[position];

    /// <summary>What a diverging run is told to do besides lowering --lr (e.g. ", try 0.1").</summary>
    protected virtual string LearningRateHint => "";

    /// <summary>Copies batch <paramref name="b"/> of the current order into <see cref="BatchInputs"/> and its one-hot labels into <see cref="BatchTargets"/>.</summary>
    protected abstract void FillBatch(int b);

    /// <summary>
    /// Runs every epoch. <paramref name="onBatch"/> is called after each step, <paramref name="onEpoch"/>
    /// after each epoch's test evaluation. Throws a <see cref="UserError"/> as soon as the loss
    /// stops being a finite number, before the step that would spread it into the weights, or an
    /// epoch ends worse than guessing.
    /// </summary>
    public IReadOnlyList<MnistEpoch> Train(Action<MnistBatchProgress>? onBatch = null, Action<MnistEpoch>? onEpoch = null)
    {
        var epochs = new List<MnistEpoch>(Recipe.Epochs);
        long totalSteps = (long)Recipe.Epochs * BatchesPerEpoch, step = 0;
        for (int epoch = 1; epoch <= Recipe.Epochs; epoch++)
        {
            long started = Stopwatch.GetTimestamp();
            Shuffle.Shuffle(_order, _order.Length);
            double lossSum = 0;
            int batches = BatchesPerEpoch;
            for (int b = 0; b < batches; b++)
            {
                float loss = TrainBatch(b, Recipe.LearningRateAt(step++, totalSteps));
                if (!float.IsFinite(loss))
                    throw new UserError($"training diverged in epoch {epoch} (the loss became {loss}); lower --lr (it is {Recipe.LearningRate}) and train again; no model was written");
                lossSum += loss;
                onBatch?.Invoke(new MnistBatchProgress(epoch, b + 1, batches));
            }
            double trainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            // A finite loss can still mean divergence: a step too large saturates the softmax and the
            // loss settles far above ln(classes), what guessing uniformly scores. A run that learns
            // is below that by the end of its first epoch.
            double meanLoss = lossSum / batches;
            if (meanLoss > _divergedLoss)
                throw new UserError($"training diverged in epoch {epoch} (mean loss {meanLoss:F2}, worse than guessing: {Math.Log(Classes):F2}); lower --lr (it is {Recipe.LearningRate}{LearningRateHint}) and train again; no model was written");
            long evalStarted = Stopwatch.GetTimestamp();
            double accuracy = TestAccuracy();
            var result = new MnistEpoch(epoch, meanLoss, accuracy, trainSeconds,
                Stopwatch.GetElapsedTime(evalStarted).TotalSeconds, _sgd.LearningRate);
            epochs.Add(result);
            onEpoch?.Invoke(result);
        }
        return epochs;
    }

    /// <summary>Accuracy of the current weights on the test set; fills an actual × predicted confusion matrix when given.</summary>
    public double TestAccuracy(int[]? confusion = null) => _evaluator.Accuracy(Network, _testInputs, _testLabels, confusion);

    /// <summary>One SGD step on batch <paramref name="b"/> of the current order; returns the batch's loss before the step.</summary>
    public float TrainBatch(int b, float learningRate)
    {
        FillBatch(b);
        Network.Forward(BatchInputs);
        float loss = Network.LossValue(BatchTargets);
        if (float.IsFinite(loss))
        {
            _sgd.LearningRate = learningRate;
            _sgd.BackwardAndStep(BatchTargets);
        }
        Array.Clear(BatchTargets);
        return loss;
    }
}
