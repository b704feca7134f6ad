using TinyNet.Tests.Cli;

namespace TinyNet.Tests.Lessons;

public class LessonCommandTests
{
    [Fact]
    public void Lesson_neuron_prints_table_2_as_the_lecture_does()
    {
        var result = CliProcess.Run("lesson", "neuron");
        Assert.Equal(0, result.ExitCode);
        string[] lines = result.Output.Split('\n');
        Assert.StartsWith("Table 2", lines[0]);
        Assert.Equal(["Iter", "W", "Y", "L", "dL/dW"], lines[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["0", "0.5000", "2.0000", "36.0000", "-48.0000"], lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal(["19", "1.9990", "7.9961", "0.0000", "-0.0315"], lines[21].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("With a trainable bias", result.Output);
    }

    [Fact]
    public void Help_lists_every_lesson()
    {
        var result = CliProcess.Run("lesson", "--help");
        Assert.Equal(0, result.ExitCode);
        foreach (var name in TinyNet.Lessons.LessonCatalog.Names()) Assert.Contains("  " + name + " ", result.Output);
    }

    [Theory]
    [InlineData("nope", "Argument 'nope' not recognized. Must be one of: 'neuron' 'chain'")]
    [InlineData("neuron --lr abc", "--lr must be a positive number such as 0.01, not 'abc'")]
    [InlineData("neuron --lr -1", "--lr must be a positive number")]
    [InlineData("neuron --steps 0", "--steps must be a whole number of at least 1, not '0'")]
    [InlineData("neuron --format xml", "Argument 'xml' not recognized")]
    public void Bad_arguments_give_one_clear_line_and_a_usage_exit_code(string args, string message)
    {
        var result = CliProcess.Run(["lesson", .. args.Split(' ')]);
        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.ErrorLines);
        Assert.Contains(message, result.Error);
        Assert.Equal("", result.Output);
    }

    [Fact]
    public void Csv_and_json_carry_full_precision()
    {
        var csv = CliProcess.Run("lesson", "chain", "--format", "csv");
        Assert.Equal(0, csv.ExitCode);
        var lines = csv.Output.Split('\n');
        Assert.StartsWith("# ", lines[0]);
        Assert.Equal("Iter,w1,w2,h,y^,L,dL/dw1,dL/dw2", lines[1]);
        Assert.StartsWith("1,2.18,1.22,4.36,5.3192", lines[3]);

        var json = CliProcess.Run("lesson", "sigmoid", "--steps", "2", "--format", "json");
        Assert.Equal(0, json.ExitCode);
        using var doc = System.Text.Json.JsonDocument.Parse(json.Output);
        var table = doc.RootElement.GetProperty("tables")[0];
        Assert.Equal(2, table.GetProperty("rows").GetArrayLength());
        Assert.Equal(0.10258f, table.GetProperty("rows")[0][6].GetSingle(), 5);
    }
}
