using TinyNet.Tests.Cli;
using TinyNet.Tests.Mnist;

namespace TinyNet.Tests.Onnx;

/// <summary>
/// Graphs TinyNet cannot run are refused by the real CLI with one line naming the node, its operator
/// and what is supported, exit code 1, and no file (not even a temporary one) left behind.
/// </summary>
public sealed class OnnxRefusalTests
{
    [Theory]
    [InlineData("refused_conv", "cannot import: node '/0/Conv' (Conv) is not supported; TinyNet imports multilayer perceptrons: Gemm, MatMul + Add, Flatten/Reshape of the input, Relu, Tanh, Sigmoid, Softmax (last axis) and Identity")]
    [InlineData("refused_two_inputs", "the model has 2 inputs (input, second); a TinyNet model takes one input, the image's pixels")]
    [InlineData("refused_dynamic_weight", "cannot import: node 'fc' (MatMul) takes its weight 'W_random' from node 'noise' (RandomNormal), computed at run time; TinyNet needs fixed weights stored in the file (initializers)")]
    [InlineData("refused_softmax_axis0", "cannot import: node 'softmax_over_batch' (Softmax) runs over axis 0 of a rank-2 tensor; TinyNet's softmax runs over a layer's neurons, the last axis")]
    public void Unsupported_graph_is_refused_in_one_line_and_nothing_is_written(string fixture, string message)
    {
        AssertRefused(OnnxFixtures.PathOf(fixture), "tinynet: " + message);
    }

    [Fact]
    public void A_truncated_onnx_file_is_refused()
    {
        using var dir = new TempFolder();
        byte[] whole = File.ReadAllBytes(OnnxFixtures.PathOf("mnist_784_64_10"));
        string path = dir.Write("cut.onnx", whole[..(whole.Length / 2)]);
        string line = AssertRefused(path, null);
        Assert.StartsWith($"tinynet: {path} is not a readable ONNX file (", line);
        Assert.EndsWith("); is it truncated, or another kind of file?", line);
    }

    [Fact]
    public void A_file_that_is_not_onnx_is_refused()
    {
        using var dir = new TempFolder();
        string text = dir.Write("notes.onnx", "this is a text file, not a model\n"u8.ToArray());
        string line = AssertRefused(text, null);
        // Protobuf's own words for what it tripped on stay inside the parentheses.
        Assert.StartsWith($"tinynet: {text} is not a readable ONNX file (", line);
        Assert.EndsWith("); is it truncated, or another kind of file?", line);
        string empty = dir.Write("empty.onnx", []);
        AssertRefused(empty, $"tinynet: {empty} is not an ONNX model (no IR version or no graph with nodes); export one with torch.onnx.export or tf2onnx");
        // A TinyNet model is a valid file of the wrong kind.
        string tnn = dir.Write("model.onnx", TinyNet.Models.ModelFile.Write(OnnxFixtures.Import("gemm_options").Model));
        var result = CliProcess.Run("import", tnn, "--out", dir.File("x.tnn"));
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith($"tinynet: {tnn} is not ", Assert.Single(result.ErrorLines));
        Assert.False(File.Exists(dir.File("x.tnn")));
    }

    private static string AssertRefused(string onnxPath, string? expectedLine)
    {
        using var dir = new TempFolder();
        string output = dir.File("model.tnn");
        var result = CliProcess.Run("import", onnxPath, "--out", output);
        Assert.Equal(1, result.ExitCode);
        string line = Assert.Single(result.ErrorLines);
        if (expectedLine != null) Assert.Equal(expectedLine, line);
        Assert.Empty(Directory.GetFiles(dir.Path));
        return line;
    }
}
