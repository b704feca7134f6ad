using System.Buffers.Binary;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// The IDX rules the MNIST reader promises, restated plainly as the judge's oracle: big-endian magic
/// 2051 with count, 28, 28 (or 2049 with count), exactly header + count × item bytes, labels 0–9.
/// </summary>
public static class IdxSpec
{
    /// <summary>The payload (pixels or labels) when <paramref name="file"/> is valid, else null.</summary>
    public static byte[]? Payload(byte[] file, bool images)
    {
        int header = images ? 16 : 8;
        if (file.Length < header) return null;
        if (BinaryPrimitives.ReadInt32BigEndian(file) != (images ? IdxGen.ImagesMagic : IdxGen.LabelsMagic)) return null;
        long count = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(4));
        if (images && (BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(8)) != 28 || BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(12)) != 28))
            return null;
        if (file.Length != header + count * (images ? IdxGen.Pixels : 1)) return null;
        byte[] payload = file[header..];
        if (!images && payload.Any(label => label > 9)) return null;
        return payload;
    }
}
