using CsCheck;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// A damaged copy of some valid bytes, with the kind of damage for the figures and, for damage
/// planted in one field, a phrase the refusal message must contain.
/// </summary>
public sealed record Damaged(string Kind, byte[] Bytes, string? Expect = null);

/// <summary>
/// Format-blind damage, as a bad cable, a cut transfer or a careless editor would do it: bit flips,
/// truncation at any length, extension, overwritten bursts, inserted and deleted runs, swapped
/// header fields. Every generated copy differs from the original (identical results are redrawn),
/// so "the reader accepted it" always means it accepted bytes that no valid writer produced here.
/// </summary>
public static class Damage
{
    /// <summary>Any of the transport kinds below, each equally likely.</summary>
    public static Gen<Damaged> Transport(byte[] original, int headerBytes) =>
        Gen.OneOf(BitFlips(original), Truncate(original), Extend(original), Burst(original),
                Insert(original), Delete(original), SwapFields(original, headerBytes))
            .Where(d => !d.Bytes.AsSpan().SequenceEqual(original));

    /// <summary>1–4 distinct bits flipped anywhere.</summary>
    public static Gen<Damaged> BitFlips(byte[] original) =>
        Gen.Int[0, original.Length * 8 - 1].Array[1, 4].Select(bits =>
        {
            byte[] copy = (byte[])original.Clone();
            foreach (int bit in bits.Distinct()) copy[bit >> 3] ^= (byte)(1 << (bit & 7));
            return new Damaged("bit flips", copy);
        });

    /// <summary>The first 0 … length−1 bytes.</summary>
    public static Gen<Damaged> Truncate(byte[] original) =>
        Gen.Int[0, original.Length - 1].Select(n => new Damaged("truncation", original.AsSpan(0, n).ToArray()));

    /// <summary>1–32 random bytes appended.</summary>
    public static Gen<Damaged> Extend(byte[] original) =>
        Gen.Byte.Array[1, 32].Select(tail => new Damaged("extension", [.. original, .. tail]));

    /// <summary>A run of 1–16 bytes changed (XORed with non-zero bytes, so each one really changes).</summary>
    public static Gen<Damaged> Burst(byte[] original) =>
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Byte[1, 255].Array[1, 16], (at, mask) =>
        {
            byte[] copy = (byte[])original.Clone();
            for (int i = 0; i < mask.Length && at + i < copy.Length; i++) copy[at + i] ^= mask[i];
            return new Damaged("burst", copy);
        });

    /// <summary>1–8 random bytes inserted anywhere.</summary>
    public static Gen<Damaged> Insert(byte[] original) =>
        Gen.Select(Gen.Int[0, original.Length], Gen.Byte.Array[1, 8], (at, run) =>
            new Damaged("insertion", [.. original.AsSpan(0, at), .. run, .. original.AsSpan(at)]));

    /// <summary>A run of 1–8 bytes removed from anywhere.</summary>
    public static Gen<Damaged> Delete(byte[] original) =>
        Gen.Select(Gen.Int[0, original.Length - 1], Gen.Int[1, 8], (at, n) =>
        {
            n = Math.Min(n, original.Length - at);
            return new Damaged("deletion", [.. original.AsSpan(0, at), .. original.AsSpan(at + n)]);
        });

    /// <summary>Two non-overlapping 1-, 2- or 4-byte fields in the header swapped (e.g. inputs with neurons).</summary>
    public static Gen<Damaged> SwapFields(byte[] original, int headerBytes) =>
        from size in Gen.OneOf(1, 2, 4)
        let fields = Math.Max(1, Math.Min(headerBytes, original.Length) / size)
        from a in Gen.Int[0, fields - 1]
        from b in Gen.Int[0, fields - 1]
        select SwapAt(original, a * size, b * size, size);

    private static Damaged SwapAt(byte[] original, int a, int b, int size)
    {
        byte[] copy = (byte[])original.Clone();
        if (a != b && a + size <= copy.Length && b + size <= copy.Length)
        {
            original.AsSpan(a, size).CopyTo(copy.AsSpan(b));
            original.AsSpan(b, size).CopyTo(copy.AsSpan(a));
        }
        return new Damaged("swapped header fields", copy);
    }
}
