using TinyNet.Host;
using TinyNet.Host.Datasets;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Datasets;

public class CsvDatasetTests
{
    [Fact]
    public void Whole_number_labels_keep_their_number_and_names_sort_as_text()
    {
        using var dir = new TempFolder();
        string numbers = dir.Write("n.csv", "x,y,label\n1,2,4\n3,4,2\n5,6,1\n7,8,2\n"u8.ToArray());
        LabeledData n = CsvDataset.Read(numbers, "label", null, null);
        Assert.Equal(["0", "1", "2", "3", "4"], n.ClassNames);
        Assert.Equal([4, 2, 1, 2], n.Labels);
        Assert.Equal([0, 1, 2, 0, 1], n.ClassCounts());
        Assert.Equal([1f, 2, 3, 4, 5, 6, 7, 8], n.Inputs);

        // A sign or a leading zero is not a class number: such labels are names.
        string mixed = dir.Write("m.csv", "x,label\n1,-1\n2,07\n3,2\n"u8.ToArray());
        Assert.Equal(["-1", "07", "2"], CsvDataset.Read(mixed, "label", null, null).ClassNames);

        string names = dir.Write("s.csv", "label,\"x\",y\r\nwave,1,2\r\nidle,3,4\r\n\r\n"u8.ToArray());
        LabeledData s = CsvDataset.Read(names, "LABEL", ["y"], null);
        Assert.Equal(["idle", "wave"], s.ClassNames);
        Assert.Equal([1, 0], s.Labels);
        Assert.Equal(["y"], s.FeatureNames);
        Assert.Equal([2f, 4], s.Inputs);
    }

    [Fact]
    public void Given_classes_map_labels_by_name_and_refuse_an_unknown_one()
    {
        using var dir = new TempFolder();
        string file = dir.Write("t.csv", "a,g\n1,tap\n2,wave\n3,jump\n"u8.ToArray());
        var error = Assert.Throws<UserError>(() => CsvDataset.Read(file, "g", null, ["wave", "tap"]));
        Assert.Equal($"line 4 of {file}: label 'jump' is not one of the 2 classes ('wave', 'tap')", error.Message);
    }
}
