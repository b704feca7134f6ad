using TinyNet.Checksums;
using TinyNet.Models;
using TinyNet.Tests.FineTuning;

namespace TinyNet.Tests.Models;

public sealed class ModelStreamWriterTests
{
    private sealed class Collect : IByteSink
    {
        public readonly List<byte> Bytes = [];
        public int Calls;
        public void Append(byte[] buffer, int offset, int count)
        {
            Calls++;
            Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
        }
    }

    [Theory]
    [InlineData(8)]
    [InlineData(256)]
    [InlineData(100000)]
    public void Streams_the_same_bytes_as_ModelFile_Write(int block)
    {
        foreach (Model model in new[] { FineTuningModels.Float(50, 7, 10, 1), Quantizer.Quantize(FineTuningModels.Float(50, 7, 10, 2)) })
        {
            var sink = new Collect();
            var writer = new ModelStreamWriter(block);
            Assert.Null(writer.Write(model, sink));
            byte[] expected = ModelFile.Write(model);
            Assert.Equal(expected, sink.Bytes.ToArray());
            Assert.Equal(expected.Length, writer.Written);
            Assert.Equal(Crc32.Compute(expected, 0, expected.Length), writer.FileCrc);
        }
    }

    [Fact]
    public void A_model_with_a_NaN_weight_is_not_written()
    {
        Model model = FineTuningModels.Float(5, 3, 2, 3);
        model.Layer(1).Weights[2] = float.NaN;
        var sink = new Collect();
        Assert.NotNull(new ModelStreamWriter(64).Write(model, sink));
        Assert.Equal(0, sink.Calls);
    }
}
