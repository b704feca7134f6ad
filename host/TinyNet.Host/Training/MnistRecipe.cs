namespace TinyNet.Host.Training;

/// <summary>
/// Everything that decides how an MNIST network is trained: shape, epochs, batch, learning-rate
/// schedule and seed. The defaults are the tuned recipe (see README / the report numbers).
/// </summary>
public sealed record MnistRecipe
{
    /// <summary>Neurons in the tanh hidden layer (784 → Hidden → 10).</summary>
    public int Hidden { get; init; } = 128;

    /// <summary>Passes over the training set.</summary>
    public int Epochs { get; init; } = 4;

    /// <summary>Samples per SGD step.</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>Learning rate of the first step; it then decays linearly to <see cref="FinalLearningRate"/>.</summary>
    public float LearningRate { get; init; } = 0.5f;

    /// <summary>Learning rate of the last step, as a fraction of <see cref="LearningRate"/>.</summary>
    public float FinalLearningRateFraction { get; init; } = 0.05f;

    /// <summary>SGD momentum μ (0 = plain SGD, which runs the fused, faster step).</summary>
    public float Momentum { get; init; }

    /// <summary>
    /// Data augmentation: each training image is moved by a random whole number of pixels in
    /// [−Shift, Shift] in each direction (a new draw every time it is used); 0 = off. The network
    /// then cannot memorise exact pixel positions, which is what limits a plain MLP's test accuracy.
    /// </summary>
    public int Shift { get; init; } = 1;

    /// <summary>Seed of the weight initialisation and of the shuffles: the same seed trains the same network.</summary>
    public uint Seed { get; init; } = 1;

    /// <summary>Train on only the first N samples (for quick runs and tests); null = all.</summary>
    public int? Limit { get; init; }

    /// <summary>Learning rate of the last step.</summary>
    public float FinalLearningRate => LearningRate * FinalLearningRateFraction;

    /// <summary>The learning rate for step <paramref name="step"/> of <paramref name="totalSteps"/> (linear decay).</summary>
    public float LearningRateAt(long step, long totalSteps)
    {
        if (totalSteps <= 1) return LearningRate;
        float progress = (float)step / (totalSteps - 1);
        return LearningRate + (FinalLearningRate - LearningRate) * progress;
    }

    /// <summary>Refuses values that cannot train, naming the option and its allowed range.</summary>
    public void Validate()
    {
        if (Hidden < 1 || Hidden > 4096) throw new UserError($"--hidden must be between 1 and 4096, got {Hidden}", 2);
        if (Epochs < 1 || Epochs > 1000) throw new UserError($"--epochs must be between 1 and 1000, got {Epochs}", 2);
        if (BatchSize < 1 || BatchSize > 60000) throw new UserError($"--batch must be between 1 and 60000, got {BatchSize}", 2);
        if (!float.IsFinite(LearningRate) || LearningRate <= 0f || LearningRate > 100f)
            throw new UserError($"--lr must be a number above 0 and at most 100, got {LearningRate}", 2);
        if (!float.IsFinite(FinalLearningRateFraction) || FinalLearningRateFraction < 0f || FinalLearningRateFraction > 1f)
            throw new UserError($"the final learning-rate fraction must be between 0 and 1, got {FinalLearningRateFraction}", 2);
        if (!float.IsFinite(Momentum) || Momentum < 0f || Momentum >= 1f)
            throw new UserError($"--momentum must be at least 0 and below 1, got {Momentum}", 2);
        if (Shift < 0 || Shift > 4) throw new UserError($"--shift must be between 0 and 4 pixels, got {Shift}", 2);
        if (Limit is < 1) throw new UserError($"--limit must be at least 1, got {Limit}", 2);
    }
}
