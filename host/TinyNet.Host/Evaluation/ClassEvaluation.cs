namespace TinyNet.Host.Evaluation;

/// <summary>How a model classified a labelled data set with any number of classes (MNIST's are named "0" to "9").</summary>
/// <param name="Correct">Samples classified correctly.</param>
/// <param name="Count">Samples evaluated.</param>
/// <param name="ClassNames">The name of each class (the model's, or its number).</param>
/// <param name="Confusion">classes × classes counts, row = actual class, column = predicted class.</param>
public sealed record ClassEvaluation(int Correct, int Count, string[] ClassNames, int[] Confusion)
{
    /// <summary>The evaluation an actual × predicted <paramref name="confusion"/> matrix over <paramref name="classNames"/> describes.</summary>
    public static ClassEvaluation FromConfusion(string[] classNames, int[] confusion)
    {
        int classes = classNames.Length, correct = 0, count = 0;
        for (int c = 0; c < classes; c++) correct += confusion[c * classes + c];
        foreach (int n in confusion) count += n;
        return new ClassEvaluation(correct, count, classNames, confusion);
    }

    /// <summary>Number of classes.</summary>
    public int Classes => ClassNames.Length;

    /// <summary>Fraction classified correctly, 0–1.</summary>
    public double Accuracy => Count == 0 ? 0 : (double)Correct / Count;

    /// <summary>Samples of class <paramref name="actual"/>.</summary>
    public int ClassCount(int actual)
    {
        int n = 0;
        for (int p = 0; p < Classes; p++) n += Confusion[actual * Classes + p];
        return n;
    }

    /// <summary>Fraction of class <paramref name="actual"/> classified correctly (0 when the set has none).</summary>
    public double ClassAccuracy(int actual)
    {
        int n = ClassCount(actual);
        return n == 0 ? 0 : (double)Confusion[actual * Classes + actual] / n;
    }
}
