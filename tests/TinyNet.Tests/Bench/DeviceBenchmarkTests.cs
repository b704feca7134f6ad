using System.Globalization;
using System.Text.RegularExpressions;
using TinyNet.Bench;
using TinyNet.Host.Board;
using TinyNet.Layers;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Tests.Cli;
using TinyNet.Tests.Link;
using Xunit.Abstractions;

namespace TinyNet.Tests.Bench;

/// <summary>
/// The device benchmark (shared/Bench) on .NET: the bench program's run prints every figure, and the
/// BENCH request and <c>tinynet bench-board</c> carry the board's own. Only that it runs and what it
/// prints are checked, never its speed.
/// </summary>
public class DeviceBenchmarkTests(ITestOutputHelper testOutput)
{
    private sealed class Lines : IBenchOutput
    {
        public readonly List<string> All = [];
        public void Line(string text) => All.Add(text);
    }

    private static float Micros(IEnumerable<string> lines, string pattern)
    {
        string line = Assert.Single(lines, l => Regex.IsMatch(l, pattern));
        float figure = float.Parse(Regex.Match(line, pattern).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.True(figure > 0f, line);
        return figure;
    }

    [Fact]
    public void The_bench_program_run_prints_every_figure_on_dotnet()
    {
        var output = new Lines();
        new DeviceBenchmark(new HostClock()).RunAll(output);
        foreach (string line in output.All) testOutput.WriteLine(line);   // the figures on .NET, for docs/benchmarks.md
        Assert.StartsWith("TinyNet device benchmark: 20 generated digits, fastest of 3 runs", output.All[0]);
        Micros(output.All, @"^784-38-10 int8 in RAM: (\d+\.\d) us per digit$");
        Micros(output.All, @"^784-128-10 int8 in RAM: (\d+\.\d) us per digit$");
        Micros(output.All, @"^784-38-10 float32 in RAM: (\d+\.\d) us per digit$");
        Micros(output.All, @"^neuron lesson: (\d+\.\d) us per step$");
        Micros(output.All, @"^784-128-10 int8 streamed: (\d+\.\d) us per digit$");
        Assert.Matches(@"^free memory: \d+ bytes before, \d+ bytes after$", output.All[^1]);
    }

    [Fact]
    public void Generated_digits_have_about_mnists_share_of_lit_pixels_and_models_their_shape()
    {
        byte[] digits = DeviceBenchmark.GenerateDigits(DeviceBenchmark.DigitCount, 7);
        Assert.Equal(DeviceBenchmark.DigitCount * 784, digits.Length);
        double lit = digits.Count(b => b != 0) / (double)digits.Length;
        Assert.InRange(lit, 0.08, 0.35);   // MNIST: 19 %
        Assert.Equal(digits, DeviceBenchmark.GenerateDigits(DeviceBenchmark.DigitCount, 7));

        Model model = DeviceBenchmark.GenerateModel(128, WeightType.Int8, 11);
        Assert.Equal(784, model.Inputs);
        Assert.Equal(128, model.Layer(0).Neurons);
        Assert.True(model.IsQuantized);
        Assert.Equal(ModelFile.Write(model), ModelFile.Write(DeviceBenchmark.GenerateModel(128, WeightType.Int8, 11)));
    }

    [Theory]
    [InlineData(0f, "0.0")]
    [InlineData(1.25f, "1.3")]
    [InlineData(589.04f, "589.0")]
    [InlineData(1684.96f, "1685.0")]
    public void Figures_have_one_decimal(float micros, string text) => Assert.Equal(text, DeviceBenchmark.Figure(micros));

    [Fact]
    public void Bench_request_times_the_loaded_model_and_the_lesson_on_the_board()
    {
        using var rig = new LinkRig();
        BenchFigures none = rig.Client.Bench();
        Assert.Equal("", none.ModelName);
        Assert.Equal(0, none.Digits);
        Assert.Equal(2 * DeviceBenchmark.LessonSteps, none.LessonSteps);
        Assert.True(none.MicrosecondsPerLessonStep > 0f);

        Model model = TestModels.Mnist("bench", 5, hidden: 32);
        byte[] file = ModelFile.Write(model);
        rig.Client.Upload(file, file.Length, null);
        BenchFigures figures = rig.Client.Bench();
        Assert.Equal("bench", figures.ModelName);
        Assert.Equal("in RAM", figures.Predictor);
        Assert.Equal(DeviceBenchmark.DigitCount, figures.Digits);
        Assert.True(figures.MicrosecondsPerDigit > 0f);
        Assert.Equal(123_456, figures.FreeMemoryBefore);   // the test clock's figure, i.e. the board's seam
        Assert.Equal(123_456, figures.FreeMemoryAfter);
    }

    [Fact]
    public void Bench_with_a_payload_is_refused()
    {
        using var rig = new LinkRig();
        var decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        encoder.Begin().U8(1);
        encoder.Finish(MessageType.Bench, 9);
        encoder.Send(rig.HostEnd);
        rig.Pump();
        var reply = new byte[256];
        int n = rig.HostEnd.Read(reply, 0, reply.Length, 0);
        bool got = false;
        for (int i = 0; i < n; i++) got |= decoder.Push(reply[i]);
        Assert.True(got);
        Assert.Equal(MessageType.Error, decoder.Type);
        Assert.Equal(ErrorCode.BadRequest, decoder.Payload().U8());
    }

    [Fact]
    public void Bench_board_on_the_default_virtual_board_says_the_figures_are_the_hosts()
    {
        string dir = Directory.CreateTempSubdirectory("tinynet-bench-board").FullName;
        try
        {
            string path = Path.Combine(dir, "m.q8.tnn");
            File.WriteAllBytes(path, ModelFile.Write(TestModels.Mnist("bench", 5, hidden: 16)));
            var env = new Dictionary<string, string> { ["XDG_DATA_HOME"] = Path.Combine(dir, "xdg") };
            var flash = CliProcess.RunWithEnvironment(env, "flash", path);
            Assert.True(flash.ExitCode == 0, flash.Error);
            var bench = CliProcess.RunWithEnvironment(env, "bench-board");
            Assert.True(bench.ExitCode == 0, bench.Error);
            Assert.Contains("this is the virtual board: it runs on this computer, so its figures are the host's own", bench.Output);
            Assert.Contains("model: bench (784-16-10), predictor in RAM", bench.Output);
            Assert.Matches(@"per digit \(20 digits\)\s+\d+\.\d us\s+\d+\.\d us", bench.Output);
            Assert.Matches(@"neuron-lesson step \(200 steps\)\s+\d+\.\d us\s+\d+\.\d us", bench.Output);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
