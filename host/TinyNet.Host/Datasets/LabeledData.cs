namespace TinyNet.Host.Datasets;

/// <summary>
/// A labelled data set of float feature vectors, the form <c>train csv</c> and <c>train images</c>
/// both bring their data into: samples one after another (count × <see cref="Features"/> floats),
/// one class index per sample into <see cref="ClassNames"/>.
/// </summary>
/// <param name="Inputs">count × features values, sample after sample.</param>
/// <param name="Labels">The class index of each sample.</param>
/// <param name="FeatureNames">The name of each feature (a CSV column, or "pixel N").</param>
/// <param name="ClassNames">The name of each class; labels index this array.</param>
/// <param name="Source">Where the samples came from (a file or folder), for messages.</param>
public sealed record LabeledData(float[] Inputs, byte[] Labels, string[] FeatureNames, string[] ClassNames, string Source)
{
    /// <summary>Values per sample.</summary>
    public int Features => FeatureNames.Length;

    /// <summary>Number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Number of classes (some may have no sample in this set, e.g. a small test file).</summary>
    public int Classes => ClassNames.Length;

    /// <summary>Samples per class.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[Classes];
        foreach (byte label in Labels) counts[label]++;
        return counts;
    }

    /// <summary>The samples at <paramref name="indices"/>, in that order (copied).</summary>
    public LabeledData Select(int[] indices, string source)
    {
        int width = Features;
        var inputs = new float[indices.Length * width];
        var labels = new byte[indices.Length];
        for (int i = 0; i < indices.Length; i++)
        {
            Array.Copy(Inputs, (long)indices[i] * width, inputs, (long)i * width, width);
            labels[i] = Labels[indices[i]];
        }
        return new LabeledData(inputs, labels, FeatureNames, ClassNames, source);
    }
}
