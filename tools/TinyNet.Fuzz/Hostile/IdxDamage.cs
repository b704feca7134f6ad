using System.Buffers.Binary;
using CsCheck;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Damage for IDX files: the format-blind kinds of <see cref="Damage"/>, plus faults planted in one
/// field (magic, a dimension, a label above 9, a huge count over a short file), each with the phrase
/// the refusal must contain. IDX has no checksum, so some damage (a changed pixel) leaves a valid
/// file; the judge tells those apart with <see cref="IdxSpec"/>.
/// </summary>
public static class IdxDamage
{
    /// <summary>Transport and planted damage, half and half.</summary>
    public static Gen<Damaged> Any(byte[] file, bool images) =>
        Gen.Frequency((1, Damage.Transport(file, images ? 16 : 8)), (1, Planted(file, images)));

    /// <summary>One planted fault.</summary>
    public static Gen<Damaged> Planted(byte[] file, bool images)
    {
        int expectedMagic = images ? IdxGen.ImagesMagic : IdxGen.LabelsMagic;
        int count = BinaryPrimitives.ReadInt32BigEndian(file.AsSpan(4));
        var gens = new List<Gen<Damaged>>
        {
            Gen.OneOf(Gen.Int, Gen.OneOf(IdxGen.ImagesMagic, IdxGen.LabelsMagic, 0x803, 0x08030000)).Where(m => m != expectedMagic)
                .Select(m => Plant(file, "bad magic", "magic number", f => BinaryPrimitives.WriteInt32BigEndian(f, m))),
            Gen.Int[-3, 3].Where(d => d != 0 && count + d >= 0).Select(d =>
                Plant(file, "wrong count", d > 0 ? "truncated" : "unexpected bytes", f => BinaryPrimitives.WriteInt32BigEndian(f.AsSpan(4), count + d))),
            Gen.OneOf(Gen.Int[count + 1000, int.MaxValue], Gen.Int[int.MinValue, -1]).Select(c =>
                Plant(file, "huge count", c < 0 ? "too large" : "truncated", f => BinaryPrimitives.WriteInt32BigEndian(f.AsSpan(4), c))),
        };
        if (images)
        {
            gens.Add(Gen.Select(Gen.OneOf(8, 12), Gen.Int[0, 1000].Where(v => v != 28), (at, v) =>
                Plant(file, "wrong image size", "expected 28×28", f => BinaryPrimitives.WriteInt32BigEndian(f.AsSpan(at), v))));
        }
        else if (count > 0)
        {
            gens.Add(Gen.Select(Gen.Int[0, count - 1], Gen.Byte[10, 255], (i, label) =>
                Plant(file, "label above 9", "outside the digits", f => f[8 + i] = label)));
        }
        return Gen.OneOf(gens.ToArray());
    }

    private static Damaged Plant(byte[] file, string kind, string expect, Action<byte[]> change)
    {
        byte[] copy = (byte[])file.Clone();
        change(copy);
        return new Damaged(kind, copy, expect);
    }
}
