using System.Buffers.Binary;
using System.IO.Compression;
using TinyNet.Checksums;
using TinyNet.Host.Images;
using TinyNet.Host;

namespace TinyNet.Tests.Images;

/// <summary>The digit-image reader behind <c>tinynet predict --image</c>.</summary>
public class GrayPngTests
{
    private static byte[] Png(int width, int height, byte[] rows, byte bitDepth = 8, byte colourType = 0, byte interlace = 0) =>
        PngWriter.Gray(width, height, rows, bitDepth, colourType, interlace);

    [Fact]
    public void Reads_every_row_filter()
    {
        // 3×5 image, one row per filter type 0-4; the raw bytes are chosen so each decodes to 10·y + x.
        int width = 3, height = 5;
        var expected = new byte[width * height];
        for (int y = 0; y < height; y++) for (int x = 0; x < width; x++) expected[y * width + x] = (byte)(10 * y + x);
        var rows = new List<byte>();
        for (int y = 0; y < height; y++)
        {
            rows.Add((byte)y);
            for (int x = 0; x < width; x++)
            {
                int value = expected[y * width + x];
                int left = x > 0 ? expected[y * width + x - 1] : 0, up = y > 0 ? expected[(y - 1) * width + x] : 0;
                int upLeft = x > 0 && y > 0 ? expected[(y - 1) * width + x - 1] : 0;
                int p = left + up - upLeft;
                int paeth = Math.Abs(p - left) <= Math.Abs(p - up) && Math.Abs(p - left) <= Math.Abs(p - upLeft) ? left : Math.Abs(p - up) <= Math.Abs(p - upLeft) ? up : upLeft;
                int predictor = y switch { 0 => 0, 1 => left, 2 => up, 3 => (left + up) / 2, _ => paeth };
                rows.Add((byte)(value - predictor));
            }
        }
        var (pixels, w, h) = GrayPng.Decode(Png(width, height, [.. rows]), "digit.png");
        Assert.Equal((width, height), (w, h));
        Assert.Equal(expected, pixels);
    }

    [Theory]
    [InlineData("colour", "not 8-bit grayscale")]
    [InlineData("interlaced", "interlaced")]
    [InlineData("not png", "not a PNG file")]
    [InlineData("truncated", "truncated")]
    public void Refuses_what_it_cannot_read_with_the_reason(string damage, string message)
    {
        byte[] rows = new byte[29 * 28];
        byte[] file = damage switch
        {
            "colour" => Png(28, 28, rows, colourType: 2),
            "interlaced" => Png(28, 28, rows, interlace: 1),
            "not png" => "GIF89a......"u8.ToArray(),
            _ => Png(28, 28, rows)[..40],
        };
        var e = Assert.Throws<UserError>(() => GrayPng.Decode(file, "digit.png"));
        Assert.Contains("digit.png cannot be read as a digit image", e.Message);
        Assert.Contains(message, e.Message);
    }
}

/// <summary>A PNG written by hand for tests: signature, IHDR, one IDAT of zlib data with a filter byte per row, IEND.</summary>
public static class PngWriter
{
    public static byte[] Gray(int width, int height, byte[] rows, byte bitDepth = 8, byte colourType = 0, byte interlace = 0)
    {
        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = bitDepth;
        header[9] = colourType;
        header[12] = interlace;
        Chunk(file, "IHDR", header);
        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(rows);
        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        file.Write(length);
        file.Write(System.Text.Encoding.ASCII.GetBytes(type));
        file.Write(data);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute([.. System.Text.Encoding.ASCII.GetBytes(type), .. data], 0, 4 + data.Length));
        file.Write(crc);
    }

}
