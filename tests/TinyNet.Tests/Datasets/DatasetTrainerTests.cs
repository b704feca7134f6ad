using TinyNet.Host;
using TinyNet.Host.Datasets;
using TinyNet.Host.Evaluation;
using TinyNet.Host.Training;
using TinyNet.Models;

namespace TinyNet.Tests.Datasets;

public class DatasetTrainerTests
{
    private static readonly MnistRecipe Quick = new() { Hidden = 16, Epochs = 5, BatchSize = 16, LearningRate = 0.1f, Shift = 0 };

    private static (LabeledData Train, LabeledData Test) Gestures()
    {
        LabeledData all = CsvDataset.Read(GestureData.File, "gesture", null, null);
        HeldOutSplit.Split(all, 0.2, 1, out LabeledData train, out LabeledData test);
        return (train, test);
    }

    [Fact]
    public void The_same_seed_trains_the_same_model_and_the_written_model_scores_what_training_reported()
    {
        var (train, test) = Gestures();
        var first = new DatasetTrainer(Quick, train, test, standardize: true);
        var second = new DatasetTrainer(Quick, train, test, standardize: true);
        IReadOnlyList<MnistEpoch> epochs = first.Train();
        second.Train();
        Model a = first.ToModel("g"), b = second.ToModel("g");
        Assert.Equal(a.Layer(0).Weights, b.Layer(0).Weights);
        Assert.Equal(a.Layer(1).Weights, b.Layer(1).Weights);
        Assert.Equal(GestureData.Classes, a.ClassNames);

        // The folded model takes the raw values: on the raw held-out part it scores what the last epoch reported (up to float rounding of a sample or so).
        double reported = epochs[^1].TestAccuracy;
        double written = DatasetEvaluator.Evaluate(a, test).Accuracy;
        Assert.InRange(written, reported - 1.0 / test.Count - 1e-9, reported + 1.0 / test.Count + 1e-9);
        Assert.True(reported > 0.6, $"5 quick epochs reach {reported:P1}");
    }

    [Fact]
    public void A_learning_rate_that_diverges_is_refused_before_a_model_exists()
    {
        var (train, test) = Gestures();
        var trainer = new DatasetTrainer(Quick with { LearningRate = 100f }, train, test, standardize: true);
        var error = Assert.Throws<UserError>(() => trainer.Train());
        Assert.StartsWith("training diverged in epoch", error.Message);
        Assert.Contains("lower --lr", error.Message);
    }
}
