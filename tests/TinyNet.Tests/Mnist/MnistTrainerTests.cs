using TinyNet.Host.Training;
using TinyNet.Host;
using TinyNet.Layers;
using TinyNet.Tests.Engine;

namespace TinyNet.Tests.Mnist;

public class MnistTrainerTests
{
    private static readonly MnistRecipe Small = new() { Hidden = 24, Epochs = 3, BatchSize = 8, LearningRate = 0.2f, Seed = 5 };

    [Fact]
    public void LearnsTheSyntheticDigits()
    {
        var trainer = new MnistTrainer(Small, SyntheticDigits.Create(2000, 1), SyntheticDigits.Create(500, 2));
        double before = trainer.TestAccuracy();
        IReadOnlyList<MnistEpoch> epochs = trainer.Train();

        Assert.Equal(3, epochs.Count);
        Assert.InRange(before, 0.0, 0.3);                   // untrained: about chance (10 %)
        Assert.True(epochs[^1].TestAccuracy >= 0.97, $"accuracy after training {epochs[^1].TestAccuracy:P1}");
        Assert.True(epochs[^1].TrainLoss < epochs[0].TrainLoss, "the loss went down");
        Assert.Equal(epochs[^1].TestAccuracy, trainer.TestAccuracy());
    }

    [Fact]
    public void SameSeedSameWeightsOtherSeedOtherWeights()
    {
        float[] Train(uint seed)
        {
            var trainer = new MnistTrainer(Small with { Seed = seed, Epochs = 2 }, SyntheticDigits.Create(600, 1), SyntheticDigits.Create(100, 2));
            trainer.Train();
            return trainer.Network.Dense(0).Weights.Concat(trainer.Network.Dense(1).Weights).ToArray();
        }
        Assert.Equal(Train(9), Train(9));
        Assert.NotEqual(Train(9), Train(10));
    }

    [Fact]
    public void ReportsEveryBatchAndEpoch()
    {
        var trainer = new MnistTrainer(Small with { Epochs = 2 }, SyntheticDigits.Create(100, 1), SyntheticDigits.Create(50, 2));
        var batches = new List<MnistBatchProgress>();
        var epochs = new List<MnistEpoch>();
        trainer.Train(batches.Add, epochs.Add);
        Assert.Equal(12, trainer.BatchesPerEpoch);          // 100 / 8, the partial batch skipped
        Assert.Equal(24, batches.Count);
        Assert.Equal(new MnistBatchProgress(2, 12, 12), batches[^1]);
        Assert.Equal(new[] { 1, 2 }, epochs.Select(e => e.Epoch));
        Assert.All(epochs, e => Assert.True(e.TrainSeconds > 0 && e.EvalSeconds >= 0));
    }

    [Fact]
    public void NonFiniteLossStopsWithTheEpochAndTheRemedy()
    {
        // Softmax cross-entropy clamps its probabilities, so only non-finite weights make the loss
        // NaN: poison hidden neuron 0's weight from every pixel, so any image with ink hits one.
        var trainer = new MnistTrainer(Small with { Epochs = 2 }, SyntheticDigits.Create(400, 1), SyntheticDigits.Create(50, 2));
        DenseLayer hidden = trainer.Network.Dense(0);
        for (int k = 0; k < hidden.Inputs; k++) hidden.Weights[k * hidden.Neurons] = float.NaN;
        float[] before = (float[])trainer.Network.Dense(1).Weights.Clone();

        var e = Assert.Throws<UserError>(() => trainer.Train());

        Assert.Equal("training diverged in epoch 1 (the loss became NaN); lower --lr (it is 0.2) and train again; no model was written", e.Message);
        // The step that met the non-finite loss was not applied.
        Assert.Equal(before, trainer.Network.Dense(1).Weights);
    }

    [Fact]
    public void StepsAllocateNothing()
    {
        var trainer = new MnistTrainer(Small with { BatchSize = 4 }, SyntheticDigits.Create(4000, 1), SyntheticDigits.Create(50, 2));
        trainer.TrainBatch(0, 0.1f);                        // first call: per-thread scratch, static tables
        // The runtime may allocate once while it recompiles a hot method (tiered compilation, at
        // a moment set by a timer); an allocating step would show in every window, so one clean
        // window of 50 steps proves that a step allocates nothing.
        var windows = new List<long>();
        for (int window = 0; window < 5 && (windows.Count == 0 || windows[^1] != 0); window++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int b = 1 + 50 * window; b <= 50 * (window + 1); b++) trainer.TrainBatch(b, 0.1f);
            windows.Add(GC.GetAllocatedBytesForCurrentThread() - before);
        }
        Assert.True(windows[^1] == 0, "bytes allocated per 50-step window: " + string.Join(", ", windows));
    }

    [Theory]
    [InlineData(0, 1, 1, 0.1f, "--hidden must be between 1 and 4096, got 0")]
    [InlineData(8, 0, 1, 0.1f, "--epochs must be between 1 and 1000, got 0")]
    [InlineData(8, 1, 0, 0.1f, "--batch must be between 1 and 60000, got 0")]
    [InlineData(8, 1, 1, -1f, "--lr must be a number above 0 and at most 100, got -1")]
    [InlineData(8, 1, 1, float.NaN, "--lr must be a number above 0 and at most 100, got NaN")]
    public void RecipeRefusesValuesThatCannotTrain(int hidden, int epochs, int batch, float lr, string message)
    {
        var e = Assert.Throws<UserError>(() => new MnistRecipe { Hidden = hidden, Epochs = epochs, BatchSize = batch, LearningRate = lr }.Validate());
        Assert.Equal(message, e.Message);
        Assert.Equal(2, e.ExitCode);
    }

    [Fact]
    public void LearningRateDecaysLinearlyToTheFinalFraction()
    {
        var recipe = new MnistRecipe { LearningRate = 0.4f, FinalLearningRateFraction = 0.25f };
        Assert.Equal(0.4f, recipe.LearningRateAt(0, 11));
        Assert.Equal(0.25f, recipe.LearningRateAt(5, 11), 5);
        Assert.Equal(0.1f, recipe.LearningRateAt(10, 11), 6);
    }

    [Fact]
    public void BatchLargerThanTheDataIsAUserError()
    {
        var e = Assert.Throws<UserError>(() => new MnistTrainer(Small with { BatchSize = 64 }, SyntheticDigits.Create(10, 1), SyntheticDigits.Create(10, 2)));
        Assert.Equal("--batch 64 is larger than the 10 training samples", e.Message);
    }
}

public class ShiftAugmentationTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(-2, 1)]
    [InlineData(3, -3)]
    [InlineData(28, 0)]
    public void CopyShiftedMovesEveryPixelAndZeroesTheRest(int dx, int dy)
    {
        var source = new float[2 * 784];
        for (int i = 0; i < source.Length; i++) source[i] = i + 1;
        var target = new float[3 * 784];
        Array.Fill(target, -1f);
        TinyNet.Host.Mnist.MnistInputs.CopyShifted(source, 784, target, 784, dx, dy);
        for (int r = 0; r < 28; r++)
            for (int c = 0; c < 28; c++)
            {
                int sr = r - dy, sc = c - dx;
                float expected = sr is >= 0 and < 28 && sc is >= 0 and < 28 ? source[784 + sr * 28 + sc] : 0f;
                Assert.Equal(expected, target[784 + r * 28 + c]);
            }
        Assert.All(target[..784], v => Assert.Equal(-1f, v));   // neighbours untouched
        Assert.All(target[1568..], v => Assert.Equal(-1f, v));
    }

    [Fact]
    public void ShiftedTrainingIsDeterministicPerSeedAndDiffersFromUnshifted()
    {
        float[] Train(int shift)
        {
            var recipe = new MnistRecipe { Hidden = 16, Epochs = 1, BatchSize = 8, LearningRate = 0.2f, Seed = 3, Shift = shift };
            var trainer = new MnistTrainer(recipe, SyntheticDigits.Create(400, 1), SyntheticDigits.Create(50, 2));
            trainer.Train();
            return trainer.Network.Dense(0).Weights;
        }
        Assert.Equal(Train(1), Train(1));
        Assert.NotEqual(Train(0), Train(1));
    }
}
