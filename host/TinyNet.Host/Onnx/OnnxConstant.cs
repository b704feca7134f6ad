using System.Buffers.Binary;
using TinyNet.Host.Onnx.Schema;
using ElementType = TinyNet.Host.Onnx.Schema.TensorProto.Types.DataType;

namespace TinyNet.Host.Onnx;

/// <summary>
/// A tensor whose values are known when the file is read (an initializer, a Constant node, or a Cast,
/// Transpose or DequantizeLinear of those). Values are held as doubles: every float32, float16,
/// integer shape value and int8 is exact in a double, and a float64 weight is rounded to float32 once,
/// when it becomes a TinyNet weight.
/// </summary>
internal sealed class OnnxConstant(string name, long[] dims, double[] values, int dataType)
{
    public string Name { get; } = name;
    public long[] Dims { get; } = dims;
    public double[] Values { get; } = values;
    /// <summary>The ONNX element type (TensorProto.DataType) the values came in.</summary>
    public int DataType { get; } = dataType;

    public string ShapeText => "[" + string.Join(",", Dims) + "]";

    /// <summary>The values of an ONNX tensor, whichever of its fields holds them.</summary>
    public static OnnxConstant FromTensor(TensorProto tensor, string where)
    {
        string name = tensor.Name;
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External)
            throw new UserError($"{where}: tensor '{name}' keeps its values in an external file; save the model with its weights inside (onnx.save_model(..., save_as_external_data=False))");
        long count = 1;
        foreach (long d in tensor.Dims)
        {
            if (d < 0) throw new UserError($"{where}: tensor '{name}' has a negative dimension");
            count *= d;
            if (count > ModelFormatLimit) throw new UserError($"{where}: tensor '{name}' has more than {ModelFormatLimit} values, more than a TinyNet layer holds");
        }
        double[] values = Read(tensor, (int)count, where);
        return new OnnxConstant(name, tensor.Dims.ToArray(), values, tensor.DataType);
    }

    // The largest weight matrix a .tnn file holds (ModelFormat.MaxWeightsPerLayer): no larger tensor is worth decoding.
    private const long ModelFormatLimit = TinyNet.Models.ModelFormat.MaxWeightsPerLayer;

    private static double[] Read(TensorProto t, int count, string where)
    {
        var type = (ElementType)t.DataType;
        bool raw = t.HasRawData;
        byte[] bytes = raw ? t.RawData.ToByteArray() : [];
        int size = type switch
        {
            ElementType.Float or ElementType.Int32 => 4,
            ElementType.Double or ElementType.Int64 => 8,
            ElementType.Float16 or ElementType.Bfloat16 => 2,
            ElementType.Int8 or ElementType.Uint8 => 1,
            _ => throw new UserError($"{where}: tensor '{t.Name}' holds {type} values; TinyNet reads float32, float16, bfloat16 and float64 weights (and integer shapes)"),
        };
        int stored = raw ? bytes.Length / size : type switch
        {
            ElementType.Float => t.FloatData.Count,
            ElementType.Double => t.DoubleData.Count,
            ElementType.Int64 => t.Int64Data.Count,
            _ => t.Int32Data.Count,   // float16, bfloat16, int8, uint8 and int32 all live in int32_data
        };
        if (stored != count || (raw && bytes.Length != count * size))
            throw new UserError($"{where}: tensor '{t.Name}' has {stored} values for its shape [{string.Join(",", t.Dims)}] of {count}; the file is damaged");
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = type switch
            {
                ElementType.Float => raw ? BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(i * 4)) : t.FloatData[i],
                ElementType.Double => raw ? BinaryPrimitives.ReadDoubleLittleEndian(bytes.AsSpan(i * 8)) : t.DoubleData[i],
                ElementType.Int64 => raw ? BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(i * 8)) : t.Int64Data[i],
                ElementType.Int32 => raw ? BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(i * 4)) : t.Int32Data[i],
                ElementType.Float16 => (double)BitConverter.UInt16BitsToHalf(raw ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)) : (ushort)t.Int32Data[i]),
                ElementType.Bfloat16 => BitConverter.Int32BitsToSingle((raw ? BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(i * 2)) : (ushort)t.Int32Data[i]) << 16),
                ElementType.Int8 => raw ? (sbyte)bytes[i] : (sbyte)t.Int32Data[i],
                _ => raw ? bytes[i] : (byte)t.Int32Data[i],
            };
        }
        return values;
    }

    /// <summary>The same values as another element type (ONNX Cast to float32 rounds a float64 to the nearest float32).</summary>
    public OnnxConstant CastTo(int dataType, string name)
    {
        var values = new double[Values.Length];
        for (int i = 0; i < values.Length; i++)
            values[i] = dataType == (int)ElementType.Float ? (float)Values[i] : Values[i];
        return new OnnxConstant(name, Dims, values, dataType);
    }

    /// <summary>A 2-D transpose (Transpose with perm [1, 0] or no perm).</summary>
    public OnnxConstant Transposed(string name)
    {
        int rows = (int)Dims[0], cols = (int)Dims[1];
        var values = new double[Values.Length];
        for (int r = 0; r < rows; r++)
            for (int c = 0; c < cols; c++)
                values[c * rows + r] = Values[r * cols + c];
        return new OnnxConstant(name, [cols, rows], values, DataType);
    }
}
