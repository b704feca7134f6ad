using TinyNet.Host.Datasets;

namespace TinyNet.Tests.Datasets;

public class HeldOutSplitTests
{
    private static LabeledData Data(params int[] perClass)
    {
        var labels = new List<byte>();
        for (int c = 0; c < perClass.Length; c++) labels.AddRange(Enumerable.Repeat((byte)c, perClass[c]));
        float[] inputs = Enumerable.Range(0, labels.Count).Select(i => (float)i).ToArray();
        return new LabeledData(inputs, [.. labels], ["x"], perClass.Select((_, c) => "c" + c).ToArray(), "data");
    }

    [Fact]
    public void Each_class_gives_the_same_fraction_and_no_sample_is_in_both_parts()
    {
        LabeledData data = Data(100, 50, 10, 2);
        HeldOutSplit.Split(data, 0.2, 1, out LabeledData train, out LabeledData test);
        Assert.Equal([20, 10, 2, 1], test.ClassCounts());
        Assert.Equal([80, 40, 8, 1], train.ClassCounts());
        Assert.Empty(train.Inputs.Intersect(test.Inputs));
        Assert.Equal(data.Count, train.Count + test.Count);
    }

    [Fact]
    public void The_seed_decides_the_split()
    {
        LabeledData data = Data(40, 40);
        HeldOutSplit.Split(data, 0.25, 1, out _, out LabeledData a);
        HeldOutSplit.Split(data, 0.25, 1, out _, out LabeledData b);
        HeldOutSplit.Split(data, 0.25, 2, out _, out LabeledData c);
        Assert.Equal(a.Inputs, b.Inputs);
        Assert.NotEqual(a.Inputs, c.Inputs);
    }
}
