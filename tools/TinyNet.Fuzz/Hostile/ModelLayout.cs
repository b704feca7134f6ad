using System.Buffers.Binary;
using TinyNet.Checksums;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Where things sit in a valid .tnn file, worked out here from the format description rather than
/// by the reader under test, so crafted damage can aim at one field and fix the CRC afterwards.
/// </summary>
public sealed class ModelLayout
{
    /// <summary>Offset of the layer-count field.</summary>
    public int LayerCountAt { get; }
    /// <summary>Offset of each layer's 12-byte table entry.</summary>
    public int[] EntryAt { get; }
    /// <summary>Offset of each layer's weights, scales (−1 for float32) and biases (−1 without).</summary>
    public int[] WeightsAt { get; }
    /// <summary>See <see cref="WeightsAt"/>.</summary>
    public int[] ScalesAt { get; }
    /// <summary>See <see cref="WeightsAt"/>.</summary>
    public int[] BiasesAt { get; }
    /// <summary>Weights per layer.</summary>
    public int[] WeightCount { get; }
    /// <summary>Neurons per layer.</summary>
    public int[] Neurons { get; }
    /// <summary>Weight type per layer.</summary>
    public int[] WeightTypes { get; }
    /// <summary>Bytes before the first payload.</summary>
    public int HeaderBytes { get; }
    /// <summary>Offset of the class-names section's count (−1 when the file has no names).</summary>
    public int NamesAt { get; } = -1;
    /// <summary>Offset of each class name's length byte (empty when the file has no names).</summary>
    public int[] ClassNameAt { get; } = [];

    public ModelLayout(byte[] file)
    {
        int nameLength = file[8];
        LayerCountAt = ModelFormat.FixedHeaderBytes + nameLength;
        int n = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(LayerCountAt));
        EntryAt = new int[n]; WeightsAt = new int[n]; ScalesAt = new int[n]; BiasesAt = new int[n];
        WeightCount = new int[n]; Neurons = new int[n]; WeightTypes = new int[n];
        int p = LayerCountAt + 2 + n * ModelFormat.LayerEntryBytes;
        HeaderBytes = p;
        for (int i = 0; i < n; i++)
        {
            int e = EntryAt[i] = LayerCountAt + 2 + i * ModelFormat.LayerEntryBytes;
            int inputs = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(e));
            Neurons[i] = BinaryPrimitives.ReadInt32LittleEndian(file.AsSpan(e + 4));
            WeightTypes[i] = file[e + 9];
            WeightCount[i] = inputs * Neurons[i];
            WeightsAt[i] = p;
            p += WeightCount[i] * (WeightTypes[i] == WeightType.Int8 ? 1 : 4);
            ScalesAt[i] = WeightTypes[i] == WeightType.Int8 ? p : -1;
            if (ScalesAt[i] >= 0) p += 4 * Neurons[i];
            BiasesAt[i] = file[e + 10] == 1 ? p : -1;
            if (BiasesAt[i] >= 0) p += 4 * Neurons[i];
        }
        if ((BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(6)) & ModelFormat.FlagClassNames) != 0)
        {
            NamesAt = p;
            int count = BinaryPrimitives.ReadUInt16LittleEndian(file.AsSpan(p));
            ClassNameAt = new int[count];
            p += 2;
            for (int c = 0; c < count; c++)
            {
                ClassNameAt[c] = p;
                p += 1 + file[p];
            }
        }
    }

    /// <summary>Recomputes the CRC trailer, so the file's only fault is the one planted.</summary>
    public static byte[] FixCrc(byte[] file)
    {
        int n = file.Length - ModelFormat.CrcBytes;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(n), Crc32.Compute(file, 0, n));
        return file;
    }
}
