using TinyNet.Host.Mnist;

namespace TinyNet.Host.Evaluation;

/// <summary>How a model classified a labelled set.</summary>
/// <param name="Correct">Samples classified correctly.</param>
/// <param name="Count">Samples evaluated.</param>
/// <param name="Confusion">classes × classes counts, row = actual digit, column = predicted digit.</param>
public sealed record MnistEvaluation(int Correct, int Count, int[] Confusion)
{
    /// <summary>Fraction classified correctly, 0–1.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Samples of digit <paramref name="actual"/>.</summary>
    public int ClassCount(int actual)
    {
        int n = 0;
        for (int p = 0; p < MnistSet.Classes; p++) n += Confusion[actual * MnistSet.Classes + p];
        return n;
    }

    /// <summary>Fraction of digit <paramref name="actual"/> classified correctly (0 when the set has none).</summary>
    public double ClassAccuracy(int actual)
    {
        int n = ClassCount(actual);
        return n == 0 ? 0 : (double)Confusion[actual * MnistSet.Classes + actual] / n;
    }
}
