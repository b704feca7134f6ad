using TinyNet.Checksums;
using System.Buffers.Binary;
using System.IO.Compression;

namespace TinyNet.Tests.Images;

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
