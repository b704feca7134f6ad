using System.Text;
using TinyNet.Activations;
using TinyNet.Host.Models;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Datasets;

/// <summary>
/// Every refusal of train csv / train images (and eval, quantize on own data) as the real process:
/// one line on stderr saying what is wrong, exit 2 for a wrong option and 1 for wrong data, no
/// stack trace, and no model written.
/// </summary>
public class OwnDataRefusalTests
{
    private static void AssertRefused(CliProcess.Result result, int exitCode, string expected, string? output = null)
    {
        Assert.True(result.ExitCode == exitCode, $"exit {result.ExitCode} (expected {exitCode}): {result.Error}{result.Output}");
        string line = Assert.Single(result.ErrorLines);
        Assert.Equal("tinynet: " + expected, line);
        Assert.DoesNotContain("   at ", result.Error + result.Output);
        if (output != null)
        {
            Assert.False(File.Exists(output), "no model is written");
            Assert.False(File.Exists(output + ".tmp"), "no temporary file is left");
        }
    }

    private static CliProcess.Result TrainCsv(TempFolder dir, string csvText, params string[] more)
    {
        string file = dir.Write("data.csv", Encoding.UTF8.GetBytes(csvText));
        return CliProcess.Run(["train", "csv", file, "--out", dir.File("m.tnn"), .. more]);
    }

    public static TheoryData<string, string[], int, string> CsvCases() => new()
    {
        { "a,b,label\n1,2,x\n3,4\n", ["--label", "label"], 1, "line 3 of DATA has 2 fields, the header has 3; every row needs one value per column" },
        { "a,b,label\n1,2,x\n3,abc,y\n", ["--label", "label"], 1, "line 3 of DATA: column 'b' holds 'abc', not a number; feature columns must be numbers (or leave the column out with --features)" },
        { "a,label\n1,x\n2,x\n", ["--label", "label"], 1, "DATA has only one class ('x'); a classifier needs samples of at least two classes" },
        { "a,label\n1,3\n2,3\n", ["--label", "label"], 1, "DATA has only one class ('3'); a classifier needs samples of at least two classes" },
        { "a,label\n1,3\n2,255\n", ["--label", "label"], 1, "line 3 of DATA: label 255 is a class number beyond the 255 classes a model holds (numbered classes run 0 to 254)" },
        { "", ["--label", "label"], 1, "DATA is empty; a CSV file needs a header row naming the columns, then one row per sample" },
        { "a,b,label\n\n", ["--label", "label"], 1, "DATA has a header but no data rows; add one row per sample" },
        { "a,b,label\n1,2,x\n3,4,y\n", ["--label", "gesture"], 2, "--label gesture: DATA has no such column; its columns are 'a', 'b', 'label'" },
        { "a,b,label\n1,2,x\n3,4,y\n", ["--label", "label", "--features", "a,zz"], 2, "--features zz: DATA has no such column; its columns are 'a', 'b', 'label'" },
        { "a,b,label\n1,2,x\n3,4,y\n", ["--label", "label", "--features", "a,label"], 2, "--features label: that is the label column; a class cannot be its own input" },
        { "a,label\n1,short\n2," + new string('n', 33) + "\n", ["--label", "label"], 1, "line 3 of DATA: label '" + new string('n', 33) + "' cannot name a class: it is named with 33 characters; the limit is 32; rename that class in the file" },
        { "a,label\n1,ok\n2,wävé\n", ["--label", "label"], 1, "line 3 of DATA: label 'wävé' cannot name a class: it has a name that is not printable ASCII (character 2 is not); rename that class in the file" },
        { "a,label\n1,x\n2,y\n", [], 2, "train csv needs --label COLUMN, the column of DATA holding each row's class" },
        { "a,label\n1,x\n2,y\n", ["--label", "label", "--test-fraction", "1.5"], 2, "--test-fraction must be above 0 and below 1, got 1.5" },
        { "a,label\n1,x\n2,y\n", ["--label", "label", "--shift", "1"], 2, "--shift is for train mnist; train csv does not take it" },
    };

    [Theory]
    [MemberData(nameof(CsvCases))]
    public void A_csv_the_trainer_cannot_use_is_one_line(string csv, string[] options, int exitCode, string expected)
    {
        using var dir = new TempFolder();
        var result = TrainCsv(dir, csv, options);
        AssertRefused(result, exitCode, expected.Replace("DATA", dir.File("data.csv")), dir.File("m.tnn"));
    }

    [Fact]
    public void A_test_file_without_a_training_column_or_with_an_unknown_class_is_one_line()
    {
        using var dir = new TempFolder();
        string test = dir.Write("test.csv", "a,label\n1,x\n"u8.ToArray());
        AssertRefused(TrainCsv(dir, "a,b,label\n1,2,x\n3,4,y\n", "--label", "label", "--test", test), 2,
            $"the training file's column b: {test} has no such column; its columns are 'a', 'label'", dir.File("m.tnn"));
        string other = dir.Write("other.csv", "a,b,label\n1,2,z\n"u8.ToArray());
        AssertRefused(TrainCsv(dir, "a,b,label\n1,2,x\n3,4,y\n", "--label", "label", "--test", other), 1,
            $"line 2 of {other}: label 'z' is not one of the 2 classes ('x', 'y')", dir.File("m.tnn"));
    }

    [Fact]
    public void More_classes_than_a_model_holds_is_one_line()
    {
        using var dir = new TempFolder();
        var csv = new StringBuilder("a,label\n");
        for (int i = 0; i < 300; i++) csv.Append(i).Append(",class").Append(i).Append('\n');
        AssertRefused(TrainCsv(dir, csv.ToString(), "--label", "label"), 1,
            $"{dir.File("data.csv")} has 300 different labels; a model holds at most 255 classes (is --label the right column?)", dir.File("m.tnn"));
    }

    [Fact]
    public void A_missing_file_or_folder_is_one_line()
    {
        using var dir = new TempFolder();
        string missing = dir.File("none.csv");
        AssertRefused(CliProcess.Run("train", "csv", missing, "--label", "g", "--out", dir.File("m.tnn")), 1, $"{missing} does not exist", dir.File("m.tnn"));
        AssertRefused(CliProcess.Run("train", "images", dir.File("none"), "--out", dir.File("m.tnn")), 1, $"image folder {dir.File("none")} does not exist", dir.File("m.tnn"));
        AssertRefused(CliProcess.Run("train", "csv", "--label", "g", "--out", dir.File("m.tnn")), 2,
            "train csv needs the CSV file: tinynet train csv FILE.csv --label COLUMN --out model.tnn", dir.File("m.tnn"));
    }

    [Fact]
    public void Image_folders_the_trainer_cannot_use_are_one_line()
    {
        using var dir = new TempFolder();
        string shapes = dir.File("shapes");
        ShapePictures.Write(shapes, 2, 5);
        string output = dir.File("m.tnn");

        string longName = Path.Combine(shapes, new string('r', 40));
        Directory.Move(Path.Combine(shapes, "ring"), longName);
        AssertRefused(CliProcess.Run("train", "images", shapes, "--out", output), 1,
            $"class folder '{longName}' cannot name a class: it is named with 40 characters; the limit is 32; rename the folder", output);
        Directory.Delete(longName, true);

        string empty = Path.Combine(shapes, "star");
        Directory.CreateDirectory(empty);
        AssertRefused(CliProcess.Run("train", "images", shapes, "--out", output), 1,
            $"class folder {empty} has no pictures (.png, .jpg, .jpeg, .bmp, .gif, .tif, .tiff, .webp)", output);

        string single = dir.File("single");
        Directory.CreateDirectory(single);
        Directory.Move(Path.Combine(shapes, "cross"), Path.Combine(single, "cross"));
        AssertRefused(CliProcess.Run("train", "images", single, "--out", output), 1,
            $"{single} has one class folder only ('cross'); a classifier needs at least two classes, one folder each", output);

        AssertRefused(CliProcess.Run("train", "images", shapes, "--out", output, "--label", "x"), 2,
            "--label and --features are for train csv; train images takes its classes from the folder names", output);
    }

    [Fact]
    public void A_model_whose_inputs_do_not_match_the_data_says_so()
    {
        using var dir = new TempFolder();
        var first = new ModelLayer(784, 4, Activation.TanhCode, WeightType.Float32, true);
        var second = new ModelLayer(4, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        string model = dir.File("digits.tnn");
        ModelFiles.Save(new Model("digits", [first, second]), model);
        string expected = $"the model takes 784 inputs but {GestureData.File} gives 60 values per sample; give it data shaped like its training data (from a CSV, the same --features)";
        AssertRefused(CliProcess.Run("eval", model, "--csv", GestureData.File, "--label", "gesture"), 1, expected);
        AssertRefused(CliProcess.Run("quantize", model, "--out", dir.File("q.tnn"), "--csv", GestureData.File, "--label", "gesture"), 1, expected, dir.File("q.tnn"));
        AssertRefused(CliProcess.Run("eval", model, "--csv", GestureData.File), 2, $"--csv {GestureData.File} needs --label COLUMN, the column holding each row's class");
        AssertRefused(CliProcess.Run("eval", model, "--label", "gesture"), 2, "--label and --features go with --csv FILE");
    }

    [Fact]
    public void Train_mnist_refuses_the_own_data_options()
    {
        using var dir = new TempFolder();
        AssertRefused(CliProcess.Run("train", "mnist", "--out", dir.File("m.tnn"), "--label", "x"), 2,
            "--label is for train csv and train images; train mnist reads --data DIR", dir.File("m.tnn"));
        AssertRefused(CliProcess.Run("train", "mnist", "data.csv", "--out", dir.File("m.tnn")), 2,
            "train mnist takes no file ('data.csv'); give the MNIST folder with --data DIR", dir.File("m.tnn"));
    }
}
