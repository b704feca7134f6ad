using System.Buffers.Binary;
using TinyNet.Checksums;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Tests.Link;

namespace TinyNet.Tests.Models;

/// <summary>
/// The class-names section of the .tnn file: a model without names is the old format byte for byte,
/// a named one round-trips through every writer and reader, and every malformation of the section is
/// refused with its own message (never an exception).
/// </summary>
public sealed class ClassNamesFileTests
{
    private static readonly string[] Gestures = ["idle", "wave", "circle", "shake", "tap", "swipe left", "swipe right", "push", "pull", "x"];

    private static Model Named(string[]? names = null) => WithNames(TestModels.Mnist("gestures", 7, hidden: 4), names ?? Gestures);

    private static Model WithNames(Model model, string[]? names) =>
        new(model.Name, Enumerable.Range(0, model.LayerCount).Select(model.Layer).ToArray(), names);

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Models", "Fixtures", name);

    [Fact]
    public void A_model_without_names_is_written_byte_for_byte_as_before_the_section_existed()
    {
        // Written by the ModelFile.Write of commit cbb4e57 (Fixtures/README.md).
        byte[] old = File.ReadAllBytes(Fixture("before-class-names.tnn"));
        Model model = TestModels.Mnist("before class names", 7, hidden: 4);
        Assert.Equal(old, ModelFile.Write(model));
        Assert.Equal(old.Length, ModelFile.FileBytes(model));
        var sink = new Collect();
        Assert.Null(new ModelStreamWriter(64).Write(model, sink));
        Assert.Equal(old, sink.Bytes.ToArray());
        Assert.Equal(0, BinaryPrimitives.ReadUInt16LittleEndian(old.AsSpan(6)));

        ModelReadResult read = ModelFile.Read(old, old.Length);
        Assert.Null(read.Error);
        Assert.False(read.Model!.HasClassNames);
        Assert.Null(read.Model.ClassNames);
        Assert.Equal("3", read.Model.ClassName(3));
    }

    [Fact]
    public void A_named_model_round_trips_through_every_writer_and_reader()
    {
        Model model = Named();
        byte[] file = ModelFile.Write(model);
        Assert.Equal(ModelFormat.FlagClassNames, BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6)));
        Assert.Equal(ModelFile.FileBytes(model), file.Length);
        Assert.Equal(ModelFile.FileBytes(WithNames(model, null)) + ModelFormat.ClassNamesBytes(Gestures), file.Length);

        var sink = new Collect();
        Assert.Null(new ModelStreamWriter(16).Write(model, sink));
        Assert.Equal(file, sink.Bytes.ToArray());

        Model read = ModelFile.Read(file, file.Length).Model!;
        Assert.Equal(Gestures, read.ClassNames);
        Assert.Equal("swipe left", read.ClassName(5));
        Assert.Equal(file, ModelFile.Write(read));
        Assert.Null(ModelFile.Validate(file, file.Length));

        // Every load mode keeps the names (the board reads the shape first, then the rest), in any chunking.
        foreach (int mode in new[] { LoadMode.Shape, LoadMode.StreamInt8Weights, LoadMode.Full })
        {
            var reader = new ChunkedModelReader(7);
            Assert.Null(reader.Read(new ArraySource(file), file.Length, mode));
            Assert.Equal(Gestures, reader.TakeModel()!.ClassNames);
        }
    }

    [Fact]
    public void Quantizing_converting_and_fine_tuning_keep_the_names()
    {
        Model model = Named();
        Assert.Equal(Gestures, Quantizer.Quantize(model).ClassNames);
        byte[] quantized = ModelFile.Write(Quantizer.Quantize(model));
        Assert.Equal(Gestures, ModelFile.Read(quantized, quantized.Length).Model!.ClassNames);

        var network = ModelConvert.ToNetwork(model, 1, new TinyNet.Losses.SoftmaxCrossEntropy(), new ScalarKernels());
        Assert.Equal(Gestures, ModelConvert.FromNetwork(network, "again", Gestures).ClassNames);

        var tuner = new TinyNet.FineTuning.OutputLayerTuner(model, 4, new ScalarKernels());
        tuner.Train(new byte[784], 0, 2, 0.1f);
        Assert.Equal(Gestures, tuner.AdaptedModel().ClassNames);
    }

    public static TheoryData<string, byte[], string> MalformedSections() => new()
    {
        // count, then (length, bytes) per class, for a model with 2 outputs.
        { "count differs from the outputs", [3, 0, 1, (byte)'a', 1, (byte)'b'], "the class-names section holds 3 names but the model has 2 outputs" },
        { "a name of length 0", [2, 0, 0, 1, (byte)'b', 0], "class 0's name is 0 bytes long; a class name is 1 to 32 characters" },
        { "a name of 33 bytes", [2, 0, 1, (byte)'a', 33, .. new byte[33]], "class 1's name is 33 bytes long; a class name is 1 to 32 characters" },
        { "a control byte", [2, 0, 1, (byte)'a', 2, (byte)'b', 7], "class 1 has a name that is not printable ASCII (character 2 is not)" },
        { "a byte over 0x7E", [2, 0, 1, 0xE9, 1, (byte)'b'], "class 0 has a name that is not printable ASCII (character 1 is not)" },
        { "two names alike", [2, 0, 2, (byte)'u', (byte)'p', 2, (byte)'u', (byte)'p'], "classes 0 and 1 are both named 'up'" },
        { "a name running into the CRC", [2, 0, 1, (byte)'a', 5, (byte)'b', (byte)'c'], "the class names run into the checksum: class 1's name is 5 bytes long but only 2 remain" },
        { "the CRC before the last name", [2, 0, 3, (byte)'a', (byte)'b', (byte)'c'], "the class-names section is cut short: the checksum comes after 1 of its 2 names" },
        { "bytes after the names", [2, 0, 1, (byte)'a', 1, (byte)'b', 0], "the model file has 1 unexpected bytes after the class names" },
        { "a section too short for the count", [2], "the model file is truncated: its flags announce class names, which for 2 outputs take at least 6 bytes, but only 1 remain before the checksum" },
        { "a section longer than any names", [2, 0, .. new byte[67]], "the model file has 1 unexpected bytes: the class names of 2 outputs take at most 68 bytes" },
    };

    [Theory]
    [MemberData(nameof(MalformedSections))]
    public void A_malformed_section_is_refused_with_what_is_wrong(string what, byte[] section, string message)
    {
        byte[] file = WithSection(TwoOutputFile(), section);
        Assert.True(file.Length > 0, what);
        Assert.Equal(message, ModelFile.Read(file, file.Length).Error);
        Assert.Equal(message, ModelFile.Validate(file, file.Length));
        // The board reads in small blocks: the same refusal, whatever the cut.
        Assert.Equal(message, new ChunkedModelReader(3).Read(new ArraySource(file), file.Length, LoadMode.Shape));
    }

    [Fact]
    public void Flags_beyond_class_names_are_refused_as_a_newer_format()
    {
        byte[] file = ModelFile.Write(Named());
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(6), 0x0003);
        TestModels.FixCrc(file);
        Assert.Equal("unsupported flags 0x0003 (this build knows only 0x0001, class names): the file was written by a newer TinyNet",
            ModelFile.Read(file, file.Length).Error);
    }

    [Fact]
    public void A_damaged_names_section_with_its_crc_left_is_reported_as_corruption()
    {
        byte[] file = ModelFile.Write(Named());
        file[^6] ^= 0x40; // the last name's length byte: 65, which alone would be refused as too long
        Assert.Equal("CRC mismatch: the file is corrupt", ModelFile.Read(file, file.Length).Error);
    }

    [Fact]
    public void The_writer_refuses_names_the_reader_would_refuse()
    {
        Assert.Throws<ArgumentException>(() => Named(["a", "a", "b", "c", "d", "e", "f", "g", "h", "i"]));
        Assert.Throws<ArgumentException>(() => Named(["a"]));
        Assert.Throws<ArgumentException>(() => Named([new string('n', 33), "b", "c", "d", "e", "f", "g", "h", "i", "j"]));
    }

    // A 3-2-2 float model without names: the base the malformed sections are planted in.
    private static byte[] TwoOutputFile()
    {
        var hidden = new ModelLayer(3, 2, TinyNet.Activations.Activation.TanhCode, WeightType.Float32, true);
        var output = new ModelLayer(2, 2, TinyNet.Activations.Activation.SoftmaxCode, WeightType.Float32, false);
        return ModelFile.Write(new Model("two", [hidden, output]));
    }

    // The file with the names flag set and `section` placed before a recomputed CRC.
    private static byte[] WithSection(byte[] plain, byte[] section)
    {
        int content = plain.Length - ModelFormat.CrcBytes;
        byte[] file = [.. plain.AsSpan(0, content), .. section, 0, 0, 0, 0];
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(6), ModelFormat.FlagClassNames);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(file.Length - 4), Crc32.Compute(file, 0, file.Length - 4));
        return file;
    }

    private sealed class Collect : IByteSink
    {
        public readonly List<byte> Bytes = [];
        public void Append(byte[] buffer, int offset, int count) => Bytes.AddRange(buffer.AsSpan(offset, count).ToArray());
    }

    private sealed class ArraySource(byte[] file) : IChunkSource
    {
        public int ReadChunk(int position, byte[] buffer, int offset, int count)
        {
            int n = Math.Max(0, Math.Min(count, file.Length - position));
            Array.Copy(file, position, buffer, offset, n);
            return n;
        }
    }
}
