using System.Buffers.Binary;
using System.IO.Compression;

namespace TinyNet.Tests.Mnist;

/// <summary>Writes small IDX files (and broken variants of them) for the reader and trainer tests.</summary>
internal static class IdxFiles
{
    public static byte[] Images(int count, int rows = 28, int cols = 28, int magic = 2051, Func<int, byte>? pixel = null)
    {
        var bytes = new byte[16 + count * rows * cols];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (int i = 16; i < bytes.Length; i++) bytes[i] = pixel == null ? (byte)((i * 7) & 0xff) : pixel(i - 16);
        return bytes;
    }

    public static byte[] Labels(byte[] labels, int magic = 2049, int? declaredCount = null)
    {
        var bytes = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(0), magic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), declaredCount ?? labels.Length);
        labels.CopyTo(bytes, 8);
        return bytes;
    }

    public static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(plain);
        return output.ToArray();
    }

    /// <summary>Writes an MNIST-named set (images + labels) into <paramref name="folder"/>.</summary>
    public static void WriteSet(string folder, string imagesName, string labelsName, byte[] pixels, byte[] labels)
    {
        Directory.CreateDirectory(folder);
        byte[] images = Images(labels.Length);
        pixels.CopyTo(images, 16);
        File.WriteAllBytes(Path.Combine(folder, imagesName), images);
        File.WriteAllBytes(Path.Combine(folder, labelsName), Labels(labels));
    }
}

/// <summary>A temporary folder deleted when the test ends.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("tinynet-mnist-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string Write(string name, byte[] bytes)
    {
        string path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, true); } catch (IOException) { }
    }
}
