using TinyNet.Numerics;

namespace TinyNet.Host.Datasets;

/// <summary>
/// Splits a data set into a training part and a held-out part, stratified: each class gives the same
/// fraction of its samples to the held-out part (rounded, at least one when the class has two or
/// more), chosen by a seeded shuffle, so a small class is still tested and the same seed gives the
/// same split.
/// </summary>
public static class HeldOutSplit
{
    /// <summary>Splits <paramref name="data"/>; <paramref name="fraction"/> (0 &lt; f &lt; 1) of each class is held out.</summary>
    public static void Split(LabeledData data, double fraction, uint seed, out LabeledData train, out LabeledData test)
    {
        if (!(fraction > 0 && fraction < 1))
            throw new UserError($"--test-fraction must be above 0 and below 1, got {fraction}", 2);
        var random = new Prng(seed ^ 0x5EED5EEDu);
        var trainIndices = new List<int>();
        var testIndices = new List<int>();
        for (int c = 0; c < data.Classes; c++)
        {
            var members = new List<int>();
            for (int i = 0; i < data.Count; i++)
                if (data.Labels[i] == c) members.Add(i);
            if (members.Count == 0) continue;
            int[] order = [.. members];
            random.Shuffle(order, order.Length);
            int held = (int)Math.Round(order.Length * fraction);
            if (order.Length >= 2) held = Math.Clamp(held, 1, order.Length - 1);
            else held = 0;
            for (int i = 0; i < order.Length; i++) (i < held ? testIndices : trainIndices).Add(order[i]);
        }
        // Sorted back into file order: the trainer shuffles anyway, and the report reads naturally.
        trainIndices.Sort();
        testIndices.Sort();
        if (testIndices.Count == 0)
            throw new UserError($"{data.Source} has too few samples to hold {fraction:P0} out for testing ({data.Count}); give more rows or a --test FILE", 1);
        train = data.Select([.. trainIndices], data.Source + " (training part)");
        test = data.Select([.. testIndices], data.Source + " (held-out part)");
    }
}
