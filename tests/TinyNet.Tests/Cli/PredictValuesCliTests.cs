using TinyNet.Host.Models;
using TinyNet.Kernels;
using TinyNet.Models;
using TinyNet.Tests.FineTuning;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Cli;

/// <summary>
/// <c>tinynet predict --values / --csv-row</c> and class names, as the real process on the default virtual
/// board: the class printed by name, and every mistake refused in one line with exit 2.
/// </summary>
public sealed class PredictValuesCliTests : IDisposable
{
    private static readonly string[] Compass = ["north", "east", "south", "west"];
    private readonly TempFolder _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Model Named(Model model, string[]? names) =>
        new(model.Name, Enumerable.Range(0, model.LayerCount).Select(model.Layer).ToArray(), names);

    // A board (its store under a fresh XDG_DATA_HOME) with `model` flashed.
    private Dictionary<string, string> BoardWith(Model model, string name)
    {
        string path = _dir.File(name + ".tnn");
        ModelFiles.Save(model, path);
        var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = _dir.File("xdg-" + name) };
        var flash = CliProcess.RunWithEnvironment(env, "flash", path);
        Assert.True(flash.ExitCode == 0, flash.Error);
        return env;
    }

    private static void AssertUsageError(CliProcess.Result result, string expected)
    {
        // One refusal line; a command that opened the default virtual board said so first ("no --port given: ...").
        Assert.True(result.ExitCode == 2, $"exit {result.ExitCode}: {result.Error}");
        Assert.Equal("tinynet: " + expected, result.ErrorLines[^1]);
        Assert.True(result.ErrorLines.Length == 1 || result.ErrorLines is [var first, _] && first.StartsWith("no --port given"), result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Values_and_a_csv_row_are_classified_by_name_as_the_host_does()
    {
        Model model = Named(FineTuningModels.Float(4, 8, 4, seed: 9), Compass);
        var env = BoardWith(model, "compass");
        var host = new Predictor(model, new ScalarKernels());
        foreach (float[] values in new[] { new[] { 0.5f, -12f, 3.25f, 40f }, [9f, 0f, -7.5f, 1e-3f], [-30f, 22f, 0f, 5f] })
        {
            int expected = host.Predict(values);
            string text = string.Join(",", values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
            var byValues = CliProcess.RunWithEnvironment(env, "predict", "--values", text);
            Assert.True(byValues.ExitCode == 0, byValues.Error);
            Assert.Matches($@"^board says {Compass[expected]} \(class {expected}\) in \d+ µs", byValues.Output);
            // The same row as a spreadsheet writes it: quoted fields, spaces after the commas.
            var byRow = CliProcess.RunWithEnvironment(env, "predict", "--csv-row", string.Join(", ", text.Split(',').Select(f => $"\"{f}\"")));
            Assert.True(byRow.ExitCode == 0, byRow.Error);
            Assert.Equal(byValues.Output.Split('\n')[1], byRow.Output.Split('\n')[1]); // the same scores
            Assert.StartsWith($"board says {Compass[expected]} (class {expected})", byRow.Output);
        }

        // What the model holds, by name.
        var inspect = CliProcess.Run("inspect", _dir.File("compass.tnn"));
        Assert.Contains("classes: 4 named \"north\", \"east\", \"south\", \"west\"", inspect.Output);

        AssertUsageError(CliProcess.RunWithEnvironment(env, "predict", "--values", "1,2,3"),
            "--values gives 3 values but the board's model 'tiny' takes 4");
        AssertUsageError(CliProcess.RunWithEnvironment(env, "predict", "--csv-row", "1,2,3,4,5"),
            "--csv-row gives 5 values but the board's model 'tiny' takes 4");
    }

    [Fact]
    public void Mistyped_values_are_refused_in_one_line_naming_the_field()
    {
        // Refused before any board is opened: no store needed.
        AssertUsageError(CliProcess.Run("predict", "--values", "1,abc,3"),
            "--values: field 2 of 3 ('abc') is not a number; write numbers with a decimal point, such as 0.25 or -1.5e3");
        AssertUsageError(CliProcess.Run("predict", "--values", "1,2,NaN"), "--values: field 3 of 3 is NaN; the board takes finite numbers only");
        AssertUsageError(CliProcess.Run("predict", "--csv-row", "1e39,2"), "--csv-row: field 1 of 2 is infinite; the board takes finite numbers only");
        AssertUsageError(CliProcess.Run("predict", "--values", "1,,3"), "--values: field 2 of 3 is empty; give a number for every feature");
        AssertUsageError(CliProcess.Run("predict", "--values", " "),
            "--values is empty; give the feature values separated by commas, such as --values \"0.12,-3.5,41\"");
        AssertUsageError(CliProcess.Run("predict", "--csv-row", "1,\"2,3"),
            "--csv-row: the quote opened at column 3 is never closed; close it on the same line");
        AssertUsageError(CliProcess.Run("predict", "--values", "1,2", "--csv-row", "1,2"),
            "give exactly one of --mnist-index N, --image FILE.png, --values \"V1,V2,...\", --csv-row \"...\" or --compare N (see 'tinynet predict --help')");
        AssertUsageError(CliProcess.Run("predict", "--values", "1,2", "--save-input", _dir.File("x.png")),
            "--save-input goes with --image or --mnist-index, not --values (see 'tinynet predict --help')");
    }

    [Fact]
    public void A_model_with_more_inputs_than_a_frame_carries_is_refused_for_values_and_named_images_show_the_name()
    {
        string[] digits = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
        Model model = Named(TinyNet.Tests.Link.TestModels.Mnist("digits", 3, hidden: 8), digits);
        var env = BoardWith(model, "digits");
        AssertUsageError(CliProcess.RunWithEnvironment(env, "predict", "--values", "1,2,3"),
            "the board's model takes 784 inputs, more than the 256 values one --values request carries; send an image with --image or --mnist-index");

        // An image on the same named model: the class by name there too.
        byte[] pixels = SyntheticDigits.Create(1, 2).Pixels;
        var rows = new byte[29 * 28];
        for (int y = 0; y < 28; y++) Array.Copy(pixels, y * 28, rows, y * 29 + 1, 28);
        string png = _dir.File("digit.png");
        File.WriteAllBytes(png, Images.PngWriter.Gray(28, 28, rows));
        var predict = CliProcess.RunWithEnvironment(env, "predict", "--image", png);
        Assert.True(predict.ExitCode == 0, predict.Error);
        Assert.Matches(@"board says (zero|one|two|three|four|five|six|seven|eight|nine) \(class \d\) in \d+ µs", predict.Output);
    }
}
