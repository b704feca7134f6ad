using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics.X86;
using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Host.Mnist;
using TinyNet.Losses;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Host.Training;

/// <summary>
/// Trains 784 → hidden (tanh) → 10 (softmax, cross-entropy) on MNIST with the shared engine
/// (<see cref="Network"/>, <see cref="Sgd"/>) and the host's vectorized kernels.
/// </summary>
/// <remarks>
/// The whole data set is converted to floats once; an SGD step then only copies the batch's
/// samples into the input buffer (moved by a random pixel shift when the recipe asks for one), so
/// training allocates nothing per step. Each epoch visits the samples in a new order drawn from
/// <see cref="Prng"/>, and the shifts come from the same stream, so a seed fixes the result exactly.
/// Without momentum each step runs the engine's fused backward + SGD update.
/// </remarks>
public sealed class MnistTrainer : IEpochTrainer
{
    private const int Classes = MnistSet.Classes;

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

    /// <summary>Prepares a run: converts the data, builds and initialises the network from the recipe's seed.</summary>
    public MnistTrainer(MnistRecipe recipe, MnistSet train, MnistSet test)
    {
        recipe.Validate();
        if (recipe.Limit is int limit) train = train.Take(limit);
        if (train.Count < recipe.BatchSize)
            throw new UserError($"--batch {recipe.BatchSize} is larger than the {train.Count} training samples", 2);
        _recipe = recipe;
        _trainInputs = MnistInputs.Scale(train, pinned: true);
        _trainLabels = train.Labels;
        _testInputs = MnistInputs.Scale(test);
        _testLabels = test.Labels;
        _order = new int[train.Count];
        for (int i = 0; i < _order.Length; i++) _order[i] = i;

        Network = Network.Create(recipe.BatchSize, new[] { MnistSet.PixelsPerImage, recipe.Hidden, Classes },
            new Activation[] { new Tanh(), new Softmax() }, new SoftmaxCrossEntropy(), true, VectorKernels.Instance);
        Network.Initialize(recipe.Seed);
        _sgd = new Sgd(Network, recipe.LearningRate, recipe.Momentum, VectorKernels.Instance);
        // A stream apart from the initialisation's, still fixed by the seed.
        _shuffle = new Prng(recipe.Seed ^ 0xA5A5A5A5u);
        _batchInputs = new float[recipe.BatchSize * MnistSet.PixelsPerImage];
        _batchTargets = new float[recipe.BatchSize * Classes];
        _evaluator = new NetworkEvaluator(Network);
    }

    /// <summary>The network being trained (its weights are the result once <see cref="Train"/> returns).</summary>
    public Network Network { get; }

    /// <summary>Training samples used (after --limit).</summary>
    public int TrainCount => _order.Length;

    /// <summary>SGD steps per epoch (a last partial batch is skipped; the shuffle changes which samples that is).</summary>
    public int BatchesPerEpoch => _order.Length / _recipe.BatchSize;

    // Twice the loss of a uniform guess: no learning run ends an epoch above it.
    private static readonly double DivergedLoss = 2 * Math.Log(MnistSet.Classes);

    /// <summary>
    /// Runs every epoch. <paramref name="onBatch"/> is called after each step, <paramref name="onEpoch"/>
    /// after each epoch's test evaluation. Throws a <see cref="UserError"/> as soon as the loss
    /// stops being a finite number, before the step that would spread it into the weights.
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
                {
                    throw new UserError($"training diverged in epoch {epoch} (the loss became {loss}); lower --lr (it is {_recipe.LearningRate}) and train again; no model was written");
                }
                lossSum += loss;
                onBatch?.Invoke(new MnistBatchProgress(epoch, b + 1, batches));
            }
            double trainSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            // A finite loss can still mean divergence: a step too large saturates the softmax and the
            // loss settles far above ln(10) ≈ 2.3, what guessing uniformly scores. A run that learns
            // is below that by the end of its first epoch.
            double meanLoss = lossSum / batches;
            if (meanLoss > DivergedLoss)
                throw new UserError($"training diverged in epoch {epoch} (mean loss {meanLoss:F2}, worse than guessing: {Math.Log(MnistSet.Classes):F2}); lower --lr (it is {_recipe.LearningRate}, try 0.1) and train again; no model was written");
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

    // Samples are visited in shuffled order, so each one's 3 KB of floats is a trip to main memory
    // (measured: 1.1 instead of 0.45 µs per sample to gather a batch). Asking for the sample a few
    // places ahead lets that trip overlap with the work on the current ones.
    private const int PrefetchDistance = 8;
    private const int FloatsPerCacheLine = 16;

    private unsafe void Prefetch(int offset)
    {
        if (!Sse.IsSupported) return;
        // The array is pinned (allocated on the pinned heap), so its address stays valid.
        float* start = (float*)Unsafe.AsPointer(ref _trainInputs[offset]);
        for (int i = 0; i < MnistSet.PixelsPerImage; i += FloatsPerCacheLine) Sse.Prefetch0(start + i);
    }

    /// <summary>One SGD step on batch <paramref name="b"/> of the current order; returns the batch's loss before the step.</summary>
    public float TrainBatch(int b, float learningRate)
    {
        int batch = _recipe.BatchSize, width = MnistSet.PixelsPerImage;
        int shift = _recipe.Shift;
        int ahead = Math.Min(batch, PrefetchDistance);
        for (int r = 0; r < batch; r++)
        {
            int position = b * batch + r;
            int sample = _order[position];
            if (position + ahead < _order.Length) Prefetch(_order[position + ahead] * width);
            if (shift == 0)
            {
                Array.Copy(_trainInputs, sample * width, _batchInputs, r * width, width);
            }
            else
            {
                int span = 2 * shift + 1;
                MnistInputs.CopyShifted(_trainInputs, sample * width, _batchInputs, r * width, _shuffle.NextInt(span) - shift, _shuffle.NextInt(span) - shift);
            }
            _batchTargets[r * Classes + _trainLabels[sample]] = 1f;
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
