using System.Buffers.Binary;
using System.IO.Compression;

namespace TinyNet.Host.Images;

/// <summary>
/// Reads an 8-bit grayscale PNG (colour type 0, not interlaced): enough for a 28×28 digit drawn in
/// any paint program and saved as grayscale. Anything else is refused with what to change.
/// </summary>
public static class GrayPng
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>The image's pixels, row by row, and its size.</summary>
    public static (byte[] Pixels, int Width, int Height) Read(string path)
    {
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { throw new UserError($"cannot read {path}: {e.Message}"); }
        return Decode(file, path);
    }

    public static (byte[] Pixels, int Width, int Height) Decode(byte[] file, string name)
    {
        if (file.Length < 8 || !file.AsSpan(0, 8).SequenceEqual(Signature)) throw Bad(name, "it is not a PNG file");
        int width = 0, height = 0;
        var compressed = new MemoryStream();
        int at = 8;
        bool ended = false;
        while (!ended)
        {
            if (at + 8 > file.Length) throw Bad(name, "it ends inside a chunk header (truncated)");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(file, at + 4, 4);
            if (length > (uint)(file.Length - at - 12)) throw Bad(name, $"its {type} chunk runs past the end of the file (truncated)");
            var data = file.AsSpan(at + 8, (int)length);
            switch (type)
            {
                case "IHDR":
                    width = BinaryPrimitives.ReadInt32BigEndian(data);
                    height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                    if (data[8] != 8 || data[9] != 0) throw Bad(name, $"it is not 8-bit grayscale (bit depth {data[8]}, colour type {data[9]}); save it as 8-bit grayscale");
                    if (data[12] != 0) throw Bad(name, "it is interlaced; save it without interlacing");
                    if (width is <= 0 or > 4096 || height is <= 0 or > 4096) throw Bad(name, $"its size {width}×{height} is out of range");
                    break;
                case "IDAT": compressed.Write(data); break;
                case "IEND": ended = true; break;
            }
            at += 12 + (int)length;
        }
        if (width == 0) throw Bad(name, "it has no IHDR chunk");
        var raw = new byte[(width + 1) * height];
        compressed.Position = 0;
        try
        {
            using var zlib = new ZLibStream(compressed, CompressionMode.Decompress);
            zlib.ReadExactly(raw);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            throw Bad(name, "its image data is damaged or too short");
        }
        return (Unfilter(raw, width, height, name), width, height);
    }

    // PNG's per-row filters, for one byte per pixel.
    private static byte[] Unfilter(byte[] raw, int width, int height, string name)
    {
        var pixels = new byte[width * height];
        for (int y = 0; y < height; y++)
        {
            int filter = raw[y * (width + 1)];
            for (int x = 0; x < width; x++)
            {
                int value = raw[y * (width + 1) + 1 + x];
                int left = x > 0 ? pixels[y * width + x - 1] : 0;
                int up = y > 0 ? pixels[(y - 1) * width + x] : 0;
                int upLeft = x > 0 && y > 0 ? pixels[(y - 1) * width + x - 1] : 0;
                value += filter switch
                {
                    0 => 0,
                    1 => left,
                    2 => up,
                    3 => (left + up) / 2,
                    4 => Paeth(left, up, upLeft),
                    _ => throw Bad(name, $"row {y} uses unknown filter {filter}"),
                };
                pixels[y * width + x] = (byte)value;
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static UserError Bad(string name, string problem) => new($"{name} cannot be read as a digit image: {problem}");
}
