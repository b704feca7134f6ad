namespace TinyNet.Host.Training;

/// <summary>A training run that goes epoch by epoch, what the CLI's progress display drives (MNIST or any labelled data set).</summary>
public interface IEpochTrainer
{
    /// <summary>SGD steps per epoch.</summary>
    int BatchesPerEpoch { get; }

    /// <summary>Runs every epoch, calling <paramref name="onBatch"/> after each step and <paramref name="onEpoch"/> after each epoch's test.</summary>
    IReadOnlyList<MnistEpoch> Train(Action<MnistBatchProgress>? onBatch = null, Action<MnistEpoch>? onEpoch = null);
}
