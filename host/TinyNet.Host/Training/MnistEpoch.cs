namespace TinyNet.Host.Training;

/// <summary>What one epoch of MNIST training produced.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="TrainLoss">Mean cross-entropy over the epoch's batches (measured before each step).</param>
/// <param name="TestAccuracy">Fraction of the test set classified correctly after the epoch, 0–1.</param>
/// <param name="TrainSeconds">Wall time of the epoch's SGD steps (without the test evaluation).</param>
/// <param name="EvalSeconds">Wall time of the test evaluation.</param>
/// <param name="LearningRate">Learning rate of the epoch's last step.</param>
public readonly record struct MnistEpoch(int Epoch, double TrainLoss, double TestAccuracy, double TrainSeconds, double EvalSeconds, float LearningRate);

/// <summary>Progress inside an epoch: <paramref name="Batch"/> of <paramref name="Batches"/> steps done.</summary>
public readonly record struct MnistBatchProgress(int Epoch, int Batch, int Batches);
