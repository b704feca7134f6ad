using TinyNet.Checksums;
using TinyNet.Models;
using TinyNet.Tests.Link;

namespace TinyNet.Tests.Models;

/// <summary>
/// The one chunked-reading helper (board session, flash store): however a source cuts the file, and
/// whatever block the reader reads with, it gives the same model or the same refusal as a whole read.
/// </summary>
public class ChunkedModelReaderTests
{
    /// <summary>A file served in pieces of at most a changing size (1..maxPiece), and possibly ending early.</summary>
    private sealed class PieceSource(byte[] file, int maxPiece, uint seed, int available = int.MaxValue) : IChunkSource
    {
        private uint _state = seed | 1;
        public int Calls { get; private set; }

        public int ReadChunk(int position, byte[] buffer, int offset, int count)
        {
            Calls++;
            _state ^= _state << 13; _state ^= _state >> 17; _state ^= _state << 5;
            int end = Math.Min(file.Length, available);
            int n = Math.Min(Math.Min(count, end - position), 1 + (int)(_state % (uint)maxPiece));
            if (n <= 0) return 0;
            Array.Copy(file, position, buffer, offset, n);
            return n;
        }
    }

    public static TheoryData<int, int> Cuts() => new()
    {
        { 1, 1 }, { 3, 2 }, { 7, 64 }, { 256, 1 }, { 256, 300 }, { 4096, 13 }, { 100_000, 100_000 },
    };

    [Theory]
    [MemberData(nameof(Cuts))]
    public void Any_cut_loads_the_same_model_and_crc_as_a_whole_read(int block, int maxPiece)
    {
        byte[] file = TestModels.MnistFile("chunks", 5, hidden: 8);
        var whole = ModelFile.Read(file, file.Length);
        Assert.Null(whole.Error);

        var reader = new ChunkedModelReader(block);
        Assert.Null(reader.Read(new PieceSource(file, maxPiece, (uint)(block * 31 + maxPiece)), file.Length, true));
        Model model = reader.TakeModel();
        Assert.Equal(ModelFile.Write(whole.Model!), ModelFile.Write(model));
        Assert.Null(reader.TakeModel()); // handed over, not kept
        Assert.Equal(BitConverter.ToUInt32(file, file.Length - 4), reader.ModelCrc);
        Assert.Equal(Crc32.Compute(file, 0, file.Length), reader.FileCrc);

        Assert.Null(reader.Read(new PieceSource(file, maxPiece, 7), file.Length, false));
        Assert.Null(reader.TakeModel()); // validating builds nothing
    }

    // Offsets in TestModels.MnistFile("damage", ...): name at 9..14, layer count at 15, first entry at 17
    // (activation at 25), the first layer's int8 weights from 41; -1 is the CRC's last byte.
    public static TheoryData<string, int, byte> Damages() => new()
    {
        { "magic", 0, 0x00 }, { "layer count", 15, 0x58 }, { "activation", 25, 0xEE }, { "int8 -128", 60, 0x80 }, { "crc", -1, 0x00 },
    };

    [Theory]
    [MemberData(nameof(Damages))]
    public void Any_cut_refuses_a_damaged_file_with_the_whole_read_reason(string what, int at, byte value)
    {
        byte[] file = TestModels.MnistFile("damage", 9, hidden: 4);
        int index = at < 0 ? file.Length + at : at;
        file[index] = file[index] == value ? (byte)~value : value;
        if (what != "crc") TestModels.FixCrc(file);
        string? expected = ModelFile.Validate(file, file.Length);
        Assert.NotNull(expected);

        foreach (var (block, maxPiece) in new[] { (1, 1), (5, 3), (256, 256), (9999, 77) })
        {
            var reader = new ChunkedModelReader(block);
            Assert.Equal(expected, reader.Read(new PieceSource(file, maxPiece, 3), file.Length, true));
            Assert.Null(reader.TakeModel());
            Assert.Equal(0u, reader.ModelCrc);
            Assert.Equal(Crc32.Compute(file, 0, file.Length), reader.FileCrc); // every byte read despite the refusal
        }
    }

    [Fact]
    public void A_source_that_ends_early_gives_the_truncation_refusal()
    {
        byte[] file = TestModels.MnistFile("short", 2, hidden: 4);
        var reader = new ChunkedModelReader(64);
        string? problem = reader.Read(new PieceSource(file, 50, 1, available: file.Length - 10), file.Length, true);
        Assert.Equal($"the model file is truncated: expected {file.Length} bytes but got {file.Length - 10}", problem);
        Assert.Null(reader.TakeModel());
    }

    [Fact]
    public void Checksum_covers_the_prefix_and_reports_how_much_the_source_gave()
    {
        byte[] file = TestModels.MnistFile("prefix", 4, hidden: 4);
        var reader = new ChunkedModelReader(16);
        Assert.Equal(100, reader.Checksum(new PieceSource(file, 9, 8), 100));
        Assert.Equal(Crc32.Compute(file, 0, 100), reader.FileCrc);
        Assert.Equal(0, reader.Checksum(new PieceSource(file, 9, 8), 0));
        Assert.Equal(Crc32.Compute(file, 0, 0), reader.FileCrc);
        Assert.Equal(30, reader.Checksum(new PieceSource(file, 9, 8, available: 30), 100));
    }
}
