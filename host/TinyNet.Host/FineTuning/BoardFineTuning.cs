using TinyNet.Host.Mnist;
using TinyNet.Link;

namespace TinyNet.Host.FineTuning;

/// <summary>How <see cref="BoardFineTuning.Run"/> trains: passes over the samples, step size, and the seed of the sample order.</summary>
public sealed record FineTuneSettings(int Epochs, float LearningRate, int Seed);

/// <summary>One pass over the training samples as the board reported it.</summary>
/// <param name="Epoch">1-based.</param>
/// <param name="Samples">Samples trained on.</param>
/// <param name="MeanLoss">Mean cross-entropy, each sample's taken before its step.</param>
/// <param name="Accuracy">Share of samples predicted right before their step.</param>
/// <param name="BoardMicroseconds">The board's own time for the pass (TRAIN_EPOCH), or null when the host sent the samples one by one.</param>
public sealed record EpochRow(int Epoch, int Samples, double MeanLoss, double Accuracy, long? BoardMicroseconds);

/// <summary>
/// Fine-tunes the board's model on labelled digits: the first pass sends every sample with
/// TRAIN_SAMPLE (the board trains on it and keeps it); later passes run on the board with
/// TRAIN_EPOCH when it kept them all, otherwise the host sends them again, in a new seeded order.
/// </summary>
public static class BoardFineTuning
{
    /// <summary>
    /// Splits <paramref name="all"/> into a training part and a held-out part of about
    /// <paramref name="heldOutShare"/> of each class (seeded, so a run can be repeated).
    /// </summary>
    public static (MnistSet Train, MnistSet HeldOut) Split(MnistSet all, double heldOutShare, int seed)
    {
        var random = new Random(seed);
        var train = new List<int>();
        var heldOut = new List<int>();
        for (int label = 0; label < 256; label++)
        {
            var members = new List<int>();
            for (int i = 0; i < all.Count; i++)
                if (all.Labels[i] == label) members.Add(i);
            if (members.Count == 0) continue;
            int[] order = [.. members];
            random.Shuffle(order);
            int held = (int)Math.Round(order.Length * heldOutShare);
            heldOut.AddRange(order.Take(held));
            train.AddRange(order.Skip(held));
        }
        train.Sort();
        heldOut.Sort();
        return (Subset(all, train), Subset(all, heldOut));
    }

    /// <summary>The board's accuracy on <paramref name="set"/> (PREDICT, so with the adaptation when there is one).</summary>
    public static double Accuracy(LinkClient client, MnistSet set)
    {
        if (set.Count == 0) return 0;
        int correct = 0;
        for (int n = 0; n < set.Count; n++)
            if (client.Predict(set.Pixels, n * MnistSet.PixelsPerImage, MnistSet.PixelsPerImage).Class == set.Labels[n]) correct++;
        return (double)correct / set.Count;
    }

    /// <summary>Trains the board on <paramref name="train"/>, calling <paramref name="onEpoch"/> after each pass.</summary>
    public static List<EpochRow> Run(LinkClient client, MnistSet train, FineTuneSettings settings, Action<EpochRow>? onEpoch)
    {
        if (train.Count == 0) throw new UserError("there is nothing to fine-tune on: the training part of the images is empty");
        var rows = new List<EpochRow>();
        var random = new Random(settings.Seed);
        int[] order = Enumerable.Range(0, train.Count).ToArray();
        bool allKept = false;
        for (int epoch = 1; epoch <= settings.Epochs; epoch++)
        {
            EpochRow row;
            if (allKept)
            {
                EpochResult e = client.TrainEpoch(settings.LearningRate);
                row = new EpochRow(epoch, e.Samples, e.MeanLoss, e.Accuracy, e.Microseconds);
            }
            else
            {
                random.Shuffle(order);
                double loss = 0;
                int correct = 0, kept = 0;
                foreach (int n in order)
                {
                    TrainResult t = client.TrainSample(train.Pixels, n * MnistSet.PixelsPerImage, MnistSet.PixelsPerImage, train.Labels[n], settings.LearningRate);
                    loss += t.Loss;
                    if (t.Predicted == train.Labels[n]) correct++;
                    kept = t.Kept;
                }
                allKept = kept >= train.Count;
                row = new EpochRow(epoch, train.Count, loss / train.Count, (double)correct / train.Count, null);
            }
            rows.Add(row);
            onEpoch?.Invoke(row);
        }
        return rows;
    }

    private static MnistSet Subset(MnistSet all, List<int> indices)
    {
        var pixels = new byte[indices.Count * MnistSet.PixelsPerImage];
        var labels = new byte[indices.Count];
        for (int i = 0; i < indices.Count; i++)
        {
            Array.Copy(all.Pixels, indices[i] * MnistSet.PixelsPerImage, pixels, i * MnistSet.PixelsPerImage, MnistSet.PixelsPerImage);
            labels[i] = all.Labels[indices[i]];
        }
        return new MnistSet(pixels, labels);
    }
}
