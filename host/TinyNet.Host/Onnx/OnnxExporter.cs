using System.Globalization;
using DataType = TinyNet.Host.Onnx.Schema.TensorProto.Types.DataType;
using Google.Protobuf;
using TinyNet.Activations;
using TinyNet.Host.Onnx.Schema;
using TinyNet.Models;

namespace TinyNet.Host.Onnx;

/// <summary>
/// Writes a TinyNet model as an ONNX graph (opset 13): per layer a Gemm (x · W + b, W stored
/// [inputs, neurons] as TinyNet stores it) and its activation. An int8 layer's weights are an int8
/// initializer behind DequantizeLinear (per neuron, axis 1), or float32 values q · scale with
/// <c>asFloat</c>. The input is pixel / 255, written as metadata_props so import reads it back.
/// </summary>
public static class OnnxExporter
{
    public const int Opset = 13;
    public const string InputName = "input", OutputName = "output";

    public static long Export(Model model, string path, bool asFloat) => OnnxFile.Write(Build(model, asFloat), path);

    internal static ModelProto Build(Model model, bool asFloat)
    {
        var graph = new GraphProto { Name = model.Name };
        graph.Input.Add(Value(InputName, model.Inputs));
        graph.Output.Add(Value(OutputName, model.Outputs));
        string x = InputName;
        for (int i = 0; i < model.LayerCount; i++)
        {
            ModelLayer layer = model.Layer(i);
            string prefix = $"layer{i + 1}";
            string weights = prefix + ".weight";
            if (layer.IsQuantized && !asFloat)
            {
                graph.Initializer.Add(Int8Tensor(prefix + ".weight_int8", layer));
                graph.Initializer.Add(FloatTensor(prefix + ".scale", [layer.Neurons], layer.Scales));
                graph.Initializer.Add(Int8Zeros(prefix + ".zero_point", layer.Neurons));
                var dequantize = Node("DequantizeLinear", prefix + ".dequantize", [prefix + ".weight_int8", prefix + ".scale", prefix + ".zero_point"], weights);
                dequantize.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 1 });
                graph.Node.Add(dequantize);
            }
            else
            {
                graph.Initializer.Add(FloatTensor(weights, [layer.Inputs, layer.Neurons], FloatWeights(layer)));
            }
            var gemmInputs = new List<string> { x, weights };
            if (layer.HasBias)
            {
                graph.Initializer.Add(FloatTensor(prefix + ".bias", [layer.Neurons], layer.Biases));
                gemmInputs.Add(prefix + ".bias");
            }
            bool last = i == model.LayerCount - 1;
            string activation = OperatorOf(layer.ActivationCode);
            string z = activation == "" && last ? OutputName : prefix + ".z";
            graph.Node.Add(Node("Gemm", prefix + ".gemm", gemmInputs, z));
            x = z;
            if (activation != "")
            {
                string a = last ? OutputName : prefix + ".a";
                var node = Node(activation, $"{prefix}.{activation.ToLowerInvariant()}", [z], a);
                if (activation == "Softmax") node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = -1 });
                graph.Node.Add(node);
                x = a;
            }
        }
        var proto = new ModelProto
        {
            IrVersion = 7,   // the IR version of opset 13
            ProducerName = "tinynet",
            ProducerVersion = ModelFormat.Version.ToString(CultureInfo.InvariantCulture),
            Graph = graph,
        };
        proto.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        var scaling = InputScaling.Default;
        proto.MetadataProps.Add(Entry(InputScaling.ScaleKey, scaling.Scale));
        proto.MetadataProps.Add(Entry(InputScaling.MeanKey, scaling.Mean));
        proto.MetadataProps.Add(Entry(InputScaling.StdKey, scaling.Std));
        if (model.HasClassNames)
            proto.MetadataProps.Add(new StringStringEntryProto { Key = OnnxClassNames.Key, Value = OnnxClassNames.Encode(model.ClassNames) });
        return proto;
    }

    private static string OperatorOf(int activationCode) => activationCode switch
    {
        Activation.IdentityCode => "",
        Activation.TanhCode => "Tanh",
        Activation.SigmoidCode => "Sigmoid",
        Activation.SoftmaxCode => "Softmax",
        Activation.ReluCode => "Relu",
        _ => throw new UserError($"activation code {activationCode} has no ONNX operator"),
    };

    // The weights as float32: stored ones as they are; int8 ones as q × scale, the float32 product
    // DequantizeLinear computes.
    private static float[] FloatWeights(ModelLayer layer)
    {
        if (!layer.IsQuantized) return layer.Weights;
        var values = new float[layer.WeightCount];
        for (int k = 0; k < layer.Inputs; k++)
            for (int j = 0; j < layer.Neurons; j++)
                values[k * layer.Neurons + j] = layer.QuantizedWeights[k * layer.Neurons + j] * layer.Scales[j];
        return values;
    }

    private static ValueInfoProto Value(string name, int features)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = "batch" });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = features });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float, Shape = shape } },
        };
    }

    private static NodeProto Node(string op, string name, IEnumerable<string> inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.Add(inputs);
        node.Output.Add(output);
        return node;
    }

    private static TensorProto FloatTensor(string name, long[] dims, float[] values)
    {
        var bytes = new byte[values.Length * 4];
        for (int i = 0; i < values.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteSingleLittleEndian(bytes.AsSpan(i * 4), values[i]);
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Float, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add(dims);
        return tensor;
    }

    private static TensorProto Int8Tensor(string name, ModelLayer layer)
    {
        var bytes = new byte[layer.WeightCount];
        for (int i = 0; i < bytes.Length; i++) bytes[i] = (byte)layer.QuantizedWeights[i];
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int8, RawData = ByteString.CopyFrom(bytes) };
        tensor.Dims.Add([layer.Inputs, layer.Neurons]);
        return tensor;
    }

    private static TensorProto Int8Zeros(string name, int count)
    {
        var tensor = new TensorProto { Name = name, DataType = (int)DataType.Int8, RawData = ByteString.CopyFrom(new byte[count]) };
        tensor.Dims.Add(count);
        return tensor;
    }

    private static StringStringEntryProto Entry(string key, double value) =>
        new() { Key = key, Value = value.ToString("R", CultureInfo.InvariantCulture) };
}
