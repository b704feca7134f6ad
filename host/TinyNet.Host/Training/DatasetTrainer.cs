using TinyNet.Host.Datasets;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Host.Training;

/// <summary>
/// Trains inputs → hidden (tanh) → classes (softmax, cross-entropy) on any labelled data set
/// (<c>train csv</c>, <c>train images</c>; <see cref="EpochTrainer"/>) with the recipe's batch,
/// epochs, learning-rate schedule and seed (its MNIST-only shift is not used).
/// </summary>
/// <remarks>
/// With <c>standardize</c>, each feature is standardized with the mean and std of the training
/// samples (<see cref="FeatureScaling"/>) for training and testing, and <see cref="ToModel"/> folds
/// that scaling into the first layer, so the model takes the raw values. Each epoch visits the
/// samples in a new order drawn from <see cref="Prng"/>: a seed fixes the result exactly.
/// </remarks>
public sealed class DatasetTrainer : EpochTrainer
{
    private readonly float[] _trainInputs;
    private readonly byte[] _trainLabels;
    private readonly string[] _classNames;

    /// <summary>Prepares a run on <paramref name="train"/>, testing on <paramref name="test"/> after each epoch (same features and classes).</summary>
    public DatasetTrainer(MnistRecipe recipe, LabeledData train, LabeledData test, bool standardize)
        : this(recipe, Checked(recipe, train, test), test, standardize ? FeatureScaling.Learn(train) : null)
    {
    }

    private DatasetTrainer(MnistRecipe recipe, LabeledData train, LabeledData test, FeatureScaling? scaling)
        : base(recipe, train.Count, train.Features, train.Classes, scaling?.Apply(test) ?? test.Inputs, test.Labels)
    {
        _classNames = train.ClassNames;
        Scaling = scaling;
        _trainInputs = scaling?.Apply(train) ?? train.Inputs;
        _trainLabels = train.Labels;
    }

    // The training set, checked against the batch size and the test set's shape.
    private static LabeledData Checked(MnistRecipe recipe, LabeledData train, LabeledData test)
    {
        recipe.Validate();
        if (train.Count < recipe.BatchSize)
            throw new UserError($"--batch {recipe.BatchSize} is larger than the {train.Count} training samples; give a smaller --batch", 2);
        if (test.Features != train.Features || test.Classes != train.Classes)
            throw new ArgumentException("the test set must have the training set's features and classes");
        return train;
    }

    /// <summary>The standardization learned on the training samples (the network trains on standardized inputs), or null.</summary>
    public FeatureScaling? Scaling { get; }

    /// <summary>
    /// The trained network as a float32 model named <paramref name="name"/> with the class names, the
    /// standardization folded into its first layer (so it takes raw values).
    /// </summary>
    public Model ToModel(string name)
    {
        Model model = ModelConvert.FromNetwork(Network, name, _classNames);
        return Scaling == null ? model : Scaling.Fold(model);
    }

    /// <inheritdoc/>
    protected override void FillBatch(int b)
    {
        int batch = Recipe.BatchSize, width = Network.Inputs;
        for (int r = 0; r < batch; r++)
        {
            int sample = SampleAt(b * batch + r);
            Array.Copy(_trainInputs, (long)sample * width, BatchInputs, (long)r * width, width);
            BatchTargets[r * Classes + _trainLabels[sample]] = 1f;
        }
    }
}
