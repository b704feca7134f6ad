using System.Buffers.Binary;
using CsCheck;

namespace TinyNet.Fuzz.Hostile;

/// <summary>Random small, valid IDX files: 0–4 images of 28×28 pixels, or 0–64 labels 0–9.</summary>
public static class IdxGen
{
    /// <summary>Magic of an unsigned-byte 3-D IDX file (images).</summary>
    public const int ImagesMagic = 2051;
    /// <summary>Magic of an unsigned-byte 1-D IDX file (labels).</summary>
    public const int LabelsMagic = 2049;
    /// <summary>Pixels per MNIST image.</summary>
    public const int Pixels = 28 * 28;

    /// <summary>An image file.</summary>
    public static readonly Gen<byte[]> Images =
        Gen.Int[0, 4].SelectMany(count => Gen.Byte.Array[count * Pixels].Select(pixels => ImagesFile(count, 28, 28, pixels)));

    /// <summary>A label file.</summary>
    public static readonly Gen<byte[]> Labels = Gen.Byte[0, 9].Array[0, 64].Select(LabelsFile);

    /// <summary>The bytes of an image file with this header and these pixels.</summary>
    public static byte[] ImagesFile(int count, int rows, int cols, byte[] pixels)
    {
        var file = new byte[16 + pixels.Length];
        BinaryPrimitives.WriteInt32BigEndian(file, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(12), cols);
        pixels.CopyTo(file, 16);
        return file;
    }

    /// <summary>The bytes of a label file holding these labels.</summary>
    public static byte[] LabelsFile(byte[] labels)
    {
        var file = new byte[8 + labels.Length];
        BinaryPrimitives.WriteInt32BigEndian(file, LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), labels.Length);
        labels.CopyTo(file, 8);
        return file;
    }
}
