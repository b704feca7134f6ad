using System.Buffers.Binary;
using CsCheck;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Damage aimed at one field of a valid model file with the CRC recomputed afterwards, as a buggy
/// or hostile writer would produce: the checksum passes, so only the reader's own checks stand
/// between the bytes and the board. Each carries the phrase its refusal must contain.
/// </summary>
public static class ModelDamage
{
    /// <summary>Transport damage (CRC left alone) and planted damage (CRC fixed), half and half.</summary>
    public static Gen<Damaged> Any(byte[] file)
    {
        var layout = new ModelLayout(file);
        return Gen.Frequency((1, Damage.Transport(file, layout.HeaderBytes)), (1, Planted(file, layout)));
    }

    /// <summary>One planted fault, CRC fixed.</summary>
    public static Gen<Damaged> Planted(byte[] file, ModelLayout layout)
    {
        int layers = layout.EntryAt.Length;
        var layer = Gen.Int[0, layers - 1];
        var gens = new List<Gen<Damaged>>
        {
            Gen.UInt.Select(x => x == 0 ? 1u : x).Select(x => Plant(file, "bad CRC", "CRC", f =>
                BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(f.Length - 4), BinaryPrimitives.ReadUInt32LittleEndian(f.AsSpan(f.Length - 4)) ^ x), fixCrc: false)),
            Gen.Byte[0, 255].Where(b => b != ModelFormat.Magic0).Select(b => Plant(file, "bad magic", "magic", f => f[0] = b)),
            Gen.Int[0, 65535].Where(v => v != ModelFormat.Version).Select(v => Plant(file, "unknown version", "version", f => PutU16(f, 4, v))),
            Gen.Int[1, 65535].Where(v => (v & ~ModelFormat.FlagClassNames) != 0).Select(v => Plant(file, "unknown flags", "flags", f => PutU16(f, 6, v))),
            Gen.Int[ModelFormat.MaxNameLength + 1, 255].Select(v => Plant(file, "name too long", "name", f => f[8] = (byte)v)),
            Gen.OneOf(Gen.Const(0), Gen.Int[ModelFormat.MaxLayers + 1, 65535]).Select(v =>
                Plant(file, "bad layer count", v == 0 ? "at least one layer" : "layers; the limit", f => PutU16(f, layout.LayerCountAt, v))),
            Gen.Select(layer, Gen.Bool, (i, neurons) =>
                Plant(file, "zero dimension", neurons ? "has 0 neurons" : "has 0 inputs", f => PutU32(f, layout.EntryAt[i] + (neurons ? 4 : 0), 0))),
            Gen.Select(layer, Gen.Bool, Gen.UInt[0x80000000, 0xFFFFFFFF], (i, neurons, v) =>
                Plant(file, "negative dimension", "; the limit is", f => PutU32(f, layout.EntryAt[i] + (neurons ? 4 : 0), v))),
            Gen.Select(layer, Gen.Bool, Gen.UInt[ModelFormat.MaxLayerWidth + 1, int.MaxValue], (i, neurons, v) =>
                Plant(file, "huge dimension", "; the limit is", f => PutU32(f, layout.EntryAt[i] + (neurons ? 4 : 0), v))),
            Gen.Const(0).Select(_ => Plant(file, "huge declared size", "truncated", f =>
            {
                // Every layer 4096×4096: within the caps and still chained, but 64 MB a layer in a small file.
                foreach (int e in layout.EntryAt) { PutU32(f, e, 4096); PutU32(f, e + 4, 4096); }
            })),
            Gen.Select(layer, ModelGen.UnknownActivationCode, (i, v) =>
                Plant(file, "unknown activation", "activation", f => f[layout.EntryAt[i] + 8] = (byte)v)),
            Gen.Select(layer, Gen.Int[2, 255], (i, v) => Plant(file, "unknown weight type", "weight type", f => f[layout.EntryAt[i] + 9] = (byte)v)),
            Gen.Select(layer, Gen.Int[2, 255], (i, v) => Plant(file, "bad has-bias byte", "has-bias", f => f[layout.EntryAt[i] + 10] = (byte)v)),
            Gen.Select(layer, Gen.Int[1, 255], (i, v) => Plant(file, "reserved byte set", "reserved", f => f[layout.EntryAt[i] + 11] = (byte)v)),
        };
        if (file[8] > 0)
            gens.Add(Gen.Select(Gen.Int[0, file[8] - 1], Gen.OneOf(Gen.Byte[0, 0x1F], Gen.Byte[0x7F, 0xFF]), (at, b) =>
                Plant(file, "unprintable name", "printable", f => f[ModelFormat.FixedHeaderBytes + at] = b)));
        if (layout.NamesAt >= 0)
            gens.AddRange(PlantedInNames(file, layout));
        else
            gens.Add(Gen.Const(0).Select(_ => Plant(file, "names flagged, none stored", "class names", f => PutU16(f, 6, ModelFormat.FlagClassNames))));
        var floatLayers = Enumerable.Range(0, layers).Where(i => layout.WeightTypes[i] == WeightType.Float32).ToArray();
        var intLayers = Enumerable.Range(0, layers).Where(i => layout.WeightTypes[i] == WeightType.Int8).ToArray();
        var biasLayers = Enumerable.Range(0, layers).Where(i => layout.BiasesAt[i] >= 0).ToArray();
        if (floatLayers.Length > 0)
            gens.Add(from i in Gen.OneOf(floatLayers) from k in Gen.Int[0, layout.WeightCount[i] - 1] from v in NonFinite
                     select Plant(file, "NaN/Inf weight", float.IsNaN(v) ? "NaN weight" : "infinite weight", f => PutF32(f, layout.WeightsAt[i] + 4 * k, v)));
        if (biasLayers.Length > 0)
            gens.Add(from i in Gen.OneOf(biasLayers) from k in Gen.Int[0, layout.Neurons[i] - 1] from v in NonFinite
                     select Plant(file, "NaN/Inf bias", float.IsNaN(v) ? "NaN bias" : "infinite bias", f => PutF32(f, layout.BiasesAt[i] + 4 * k, v)));
        if (intLayers.Length > 0)
        {
            gens.Add(from i in Gen.OneOf(intLayers) from k in Gen.Int[0, layout.Neurons[i] - 1] from v in BadScale
                     select Plant(file, "bad scale", "scale must be positive and finite", f => PutF32(f, layout.ScalesAt[i] + 4 * k, v)));
            gens.Add(from i in Gen.OneOf(intLayers) from k in Gen.Int[0, layout.WeightCount[i] - 1]
                     select Plant(file, "int8 -128", "-128", f => f[layout.WeightsAt[i] + k] = 0x80));
        }
        return Gen.OneOf(gens.ToArray());
    }

    // Faults in the class-names section of a file that has one (CRC fixed).
    private static IEnumerable<Gen<Damaged>> PlantedInNames(byte[] file, ModelLayout layout)
    {
        int classes = layout.ClassNameAt.Length;
        var cls = Gen.Int[0, classes - 1];
        yield return Gen.Const(0).Select(_ => Plant(file, "names not flagged", "unexpected bytes", f => PutU16(f, 6, 0)));
        yield return Gen.Int[0, 65535].Where(v => v != classes).Select(v =>
            Plant(file, "class count differs from outputs", "outputs", f => PutU16(f, layout.NamesAt, v)));
        yield return Gen.Select(cls, Gen.OneOf(Gen.Const(0), Gen.Int[ModelFormat.MaxClassNameLength + 1, 255]), (c, v) =>
            Plant(file, "class name length out of range", "1 to " + ModelFormat.MaxClassNameLength, f => f[layout.ClassNameAt[c]] = (byte)v));
        yield return Gen.Select(cls, Gen.OneOf(Gen.Byte[0, 0x1F], Gen.Byte[0x7F, 0xFF]), (c, b) =>
            Plant(file, "unprintable class name", "printable", f => f[layout.ClassNameAt[c] + 1] = b));
        // The last name declared one byte longer than what is left before the CRC (when that stays within 32).
        int last = layout.ClassNameAt[classes - 1];
        if (file[last] < ModelFormat.MaxClassNameLength)
            yield return Gen.Const(0).Select(_ => Plant(file, "class names run into the CRC", "run into the checksum", f => f[last]++));
        // Classes 0 and 1 both renamed to the same run of 'd's of their mean length: nothing else moves.
        if (classes > 1 && (file[layout.ClassNameAt[0]] + file[layout.ClassNameAt[1]]) % 2 == 0)
            yield return Gen.Const(0).Select(_ => Plant(file, "duplicate class names", "both named", f =>
            {
                int a = layout.ClassNameAt[0], m = (f[a] + f[layout.ClassNameAt[1]]) / 2;
                int b = a + 1 + m;
                f[a] = (byte)m;
                f[b] = (byte)m;
                for (int i = 0; i < m; i++) f[a + 1 + i] = f[b + 1 + i] = (byte)'d';
            }));
    }

    /// <summary>NaN (any payload, either sign) or ±infinity.</summary>
    public static readonly Gen<float> NonFinite =
        Gen.UInt.Select(x => BitConverter.UInt32BitsToSingle(x | 0x7F800000)).Where(f => !float.IsFinite(f));

    /// <summary>A scale that must be refused: ±0, negative, NaN or infinite.</summary>
    public static readonly Gen<float> BadScale = Gen.OneOf(
        Gen.OneOf(0f, -0f, float.PositiveInfinity, float.NegativeInfinity),
        Gen.UInt.Select(x => BitConverter.UInt32BitsToSingle(x | 0x80000000)),
        NonFinite);

    private static Damaged Plant(byte[] file, string kind, string expect, Action<byte[]> change, bool fixCrc = true)
    {
        byte[] copy = (byte[])file.Clone();
        change(copy);
        if (fixCrc) ModelLayout.FixCrc(copy);
        return new Damaged(kind, copy, expect);
    }

    private static void PutU16(byte[] f, int at, int v) => BinaryPrimitives.WriteUInt16LittleEndian(f.AsSpan(at), (ushort)v);
    private static void PutU32(byte[] f, int at, uint v) => BinaryPrimitives.WriteUInt32LittleEndian(f.AsSpan(at), v);
    private static void PutF32(byte[] f, int at, float v) => BinaryPrimitives.WriteSingleLittleEndian(f.AsSpan(at), v);
}
