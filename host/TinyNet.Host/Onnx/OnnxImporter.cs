using DataType = TinyNet.Host.Onnx.Schema.TensorProto.Types.DataType;
using TinyNet.Activations;
using TinyNet.Host.Onnx.Schema;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Host.Onnx;

/// <summary>
/// Turns an ONNX graph of a multilayer perceptron into a TinyNet model, or refuses it whole.
/// </summary>
/// <remarks>
/// The graph is walked in its (topological) node order, following the one tensor that flows from
/// the input to the output. Gemm or MatMul starts a dense layer, Add adds its bias, an activation
/// closes it; Flatten/Reshape may flatten the input, Identity passes the data on. Weights must be
/// constants: initializers, Constant nodes, or Cast/Transpose/Identity/DequantizeLinear of those
/// (what exporters leave when constant folding is off). Anything else stops the import with a
/// <see cref="UserError"/> naming the node, its operator and what TinyNet supports, so a model is
/// never half converted.
/// </remarks>
public static class OnnxImporter
{
    public const string Supported = "TinyNet imports multilayer perceptrons: Gemm, MatMul + Add, Flatten/Reshape of the input, Relu, Tanh, Sigmoid, Softmax (last axis) and Identity";

    /// <summary>What an import produced: the model, and the input scaling folded into it.</summary>
    public sealed record Result(Model Model, InputScaling Scaling, int Opset);

    /// <summary>Reads <paramref name="path"/> and converts it; <paramref name="scaling"/> picks the input scaling from the metadata.</summary>
    public static Result Import(string path, Func<IReadOnlyDictionary<string, string>, InputScaling> scaling)
    {
        ModelProto proto = OnnxFile.Read(path);
        var metadata = new Dictionary<string, string>();
        foreach (var entry in proto.MetadataProps) metadata[entry.Key] = entry.Value;
        return Convert(proto, scaling(metadata), OnnxClassNames.From(metadata));
    }

    internal static Result Convert(ModelProto proto, InputScaling scaling, string[]? classNames = null)
    {
        int opset = DefaultOpset(proto);
        var walk = new GraphWalk(proto.Graph, opset);
        ModelLayer[] layers = walk.Run();
        layers[0] = scaling.Fold(layers[0]);
        string? problem = ModelRules.CheckClassNames(classNames, layers[^1].Neurons);
        if (problem != null)
            throw new UserError($"the model's metadata '{OnnxClassNames.Key}' does not fit it: {problem}; correct or remove that entry");
        return new Result(new Model(ModelName(proto.Graph.Name), layers, classNames), scaling, opset);
    }

    private static int DefaultOpset(ModelProto proto)
    {
        foreach (var import in proto.OpsetImport)
            if (import.Domain is "" or "ai.onnx") return (int)import.Version;
        throw new UserError("the model imports no version of the standard ONNX operator set; it was not written by a usual exporter");
    }

    // A .tnn name is printable ASCII, at most ModelFormat.MaxNameLength characters.
    private static string ModelName(string graphName)
    {
        var name = new string(graphName.Where(c => ModelRules.IsNameCharacter(c)).ToArray());
        return name.Length > ModelFormat.MaxNameLength ? name[..ModelFormat.MaxNameLength] : name;
    }

    /// <summary>One pass over the graph's nodes; holds the state of the walk.</summary>
    private sealed class GraphWalk
    {
        private readonly GraphProto _graph;
        private readonly int _opset;
        private readonly Dictionary<string, TensorProto> _initializers = new();
        private readonly Dictionary<string, OnnxConstant> _constants = new();
        private readonly Dictionary<string, NodeProto> _producers = new();
        private readonly HashSet<string> _flowNames = new();
        private readonly List<ModelLayer> _layers = new();

        // The tensor flowing through the chain: its name, the values per sample, its rank, and
        // whether it is laid out [features, batch] (a Gemm with the weight first leaves that).
        private string _current = "";
        private int _features;
        private int _rank;
        private bool _column;
        private bool _batchIsOne;

        // The dense layer being built: weights [inputs × neurons] (TinyNet's layout), bias, last node.
        private float[]? _weights;
        private float[]? _bias;
        private int _inputs, _neurons;
        private string _layerNode = "";

        public GraphWalk(GraphProto graph, int opset)
        {
            _graph = graph;
            _opset = opset;
        }

        public ModelLayer[] Run()
        {
            foreach (var tensor in _graph.Initializer) _initializers[tensor.Name] = tensor;
            StartAtTheInput();
            foreach (var node in _graph.Node)
            {
                if (node.Domain is not ("" or "ai.onnx"))
                    throw Refuse(node, $"comes from the operator set '{node.Domain}', not standard ONNX; {Supported}");
                bool onFlow = node.Input.Any(_flowNames.Contains);
                if (!onFlow)
                {
                    // A constant computation (a weight's Cast, a Reshape's shape ...): evaluated
                    // only if a layer uses it, so unused side nodes cannot fail the import.
                    foreach (string output in node.Output) _producers[output] = node;
                    continue;
                }
                foreach (string input in node.Input)
                    if (_flowNames.Contains(input) && input != _current)
                        throw Refuse(node, $"reads '{input}', an earlier value of the data: the graph branches, and TinyNet runs a plain chain of layers");
                Step(node);
            }
            return Finish();
        }

        private void StartAtTheInput()
        {
            var inputs = _graph.Input.Where(i => !_initializers.ContainsKey(i.Name)).ToList();
            if (inputs.Count != 1)
                throw new UserError($"the model has {inputs.Count} inputs ({string.Join(", ", inputs.Select(i => i.Name))}); a TinyNet model takes one input, the image's pixels");
            if (_graph.Output.Count != 1)
                throw new UserError($"the model has {_graph.Output.Count} outputs ({string.Join(", ", _graph.Output.Select(o => o.Name))}); a TinyNet model gives one, the class scores");
            ValueInfoProto input = inputs[0];
            var tensorType = input.Type?.TensorType;
            if (tensorType == null || tensorType.ElemType != (int)DataType.Float)
                throw new UserError($"the model's input '{input.Name}' is not a float32 tensor; TinyNet feeds float32 values");
            var dims = tensorType.Shape?.Dim.ToList() ?? [];
            if (dims.Count == 0)
                throw new UserError($"the model's input '{input.Name}' has no shape; export it with a sample input so its size is known");
            // The first dimension is the batch when there are several; the rest must be fixed sizes.
            long features = 1;
            for (int i = dims.Count == 1 ? 0 : 1; i < dims.Count; i++)
            {
                if (!dims[i].HasDimValue || dims[i].DimValue <= 0)
                    throw new UserError($"the model's input '{input.Name}' has a dimension of unknown size ({(dims[i].HasDimParam ? dims[i].DimParam : "?")}) besides the batch; TinyNet needs fixed input sizes");
                features *= dims[i].DimValue;
                if (features > ModelFormat.MaxLayerWidth)
                    throw new UserError($"the model's input '{input.Name}' has more than {ModelFormat.MaxLayerWidth} values, more than a TinyNet layer takes");
            }
            _current = input.Name;
            _flowNames.Add(_current);
            _features = (int)features;
            _rank = dims.Count;
            _batchIsOne = dims.Count == 1 || (dims[0].HasDimValue && dims[0].DimValue == 1);
        }

        private void Step(NodeProto node)
        {
            switch (node.OpType)
            {
                case "Identity":
                    break;
                case "Flatten":
                    Flatten(node);
                    break;
                case "Reshape":
                    Reshape(node);
                    break;
                case "Gemm":
                    Gemm(node);
                    break;
                case "MatMul":
                    MatMul(node);
                    break;
                case "Add":
                    AddBias(node);
                    break;
                case "Relu":
                    CloseLayer(node, Activation.ReluCode);
                    break;
                case "Tanh":
                    CloseLayer(node, Activation.TanhCode);
                    break;
                case "Sigmoid":
                    CloseLayer(node, Activation.SigmoidCode);
                    break;
                case "Softmax":
                    CheckSoftmaxAxis(node);
                    CloseLayer(node, Activation.SoftmaxCode);
                    break;
                default:
                    throw Refuse(node, $"is not supported; {Supported}");
            }
            if (node.Output.Count != 1 && node.OpType != "Identity")
                throw Refuse(node, $"has {node.Output.Count} outputs; TinyNet's layers have one");
            _current = node.Output[0];
            _flowNames.Add(_current);
        }

        private void Flatten(NodeProto node)
        {
            if (_weights != null || _column) throw Refuse(node, "flattens in the middle of a layer; only the input may be flattened");
            long axis = IntAttribute(node, "axis", 1);
            if (axis < 0) axis += _rank;
            if (axis != 1 && !(axis == 0 && _batchIsOne))
                throw Refuse(node, $"flattens at axis {IntAttribute(node, "axis", 1)}, which mixes the batch with the values; TinyNet flattens each sample (axis 1)");
            _rank = 2;
        }

        private void Reshape(NodeProto node)
        {
            if (_weights != null || _column) throw Refuse(node, "reshapes in the middle of a layer; only the input may be reshaped");
            OnnxConstant shape = ConstantInput(node, 1, "shape");
            long[] target = shape.Values.Select(v => (long)v).ToArray();
            bool ok = target.Length switch
            {
                1 => (target[0] == _features || target[0] == -1) && _batchIsOne,
                2 => (target[0] is 0 or -1 or 1) && (target[1] == _features || (target[1] == -1 && target[0] != -1))
                     && (target[0] != 1 || _batchIsOne || target[1] == _features),
                _ => false,
            };
            if (!ok)
                throw Refuse(node, $"reshapes to [{string.Join(",", target)}]; TinyNet takes a reshape that flattens each sample to its {_features} values, such as [-1,{_features}] or [0,-1]");
            _rank = target.Length;
        }

        private void MatMul(NodeProto node)
        {
            if (node.Input.Count != 2) throw Refuse(node, "does not have two inputs");
            if (node.Input[0] != _current)
                throw Refuse(node, "multiplies a weight by the data (data second); TinyNet's layers take the data first: x · W");
            CheckFlatRows(node);
            OnnxConstant w = ConstantInput(node, 1, "weight");
            if (w.Dims.Length != 2 || w.Dims[0] != _features)
                throw Refuse(node, $"has a weight of shape {w.ShapeText} for data of {_features} values; TinyNet needs a [{_features}, neurons] matrix");
            StartLayer(node, (int)w.Dims[0], (int)w.Dims[1], (k, j) => w.Values[k * w.Dims[1] + j]);
        }

        private void Gemm(NodeProto node)
        {
            if (node.Input.Count < 2) throw Refuse(node, "does not have two inputs");
            double alpha = FloatAttribute(node, "alpha", 1), beta = FloatAttribute(node, "beta", 1);
            bool transA = IntAttribute(node, "transA", 0) != 0, transB = IntAttribute(node, "transB", 0) != 0;
            if (_rank != 2) throw Refuse(node, $"gets data of rank {_rank}; Gemm needs a [batch, values] matrix: flatten the input first");
            bool dataFirst = node.Input[0] == _current;
            OnnxConstant w = ConstantInput(node, dataFirst ? 1 : 0, "weight");
            if (w.Dims.Length != 2) throw Refuse(node, $"has a weight of shape {w.ShapeText}; Gemm's weight is a matrix");
            long rows = w.Dims[0], cols = w.Dims[1];
            if (dataFirst)
            {
                // Y = op(A) · op(B): op(A) is [batch, K] when A is [batch, K] untransposed, or [K, batch] transposed.
                if (transA != _column)
                    throw Refuse(node, transA ? "transposes data that is laid out [batch, values]" : "gets data laid out [values, batch] without transA");
                long k = transB ? cols : rows, n = transB ? rows : cols;
                if (k != _features) throw Refuse(node, $"has a weight of shape {w.ShapeText} (transB={(transB ? 1 : 0)}) for data of {_features} values");
                StartLayer(node, (int)k, (int)n, (i, j) => alpha * (transB ? w.Values[j * cols + i] : w.Values[i * cols + j]));
                _column = false;
            }
            else
            {
                if (node.Input[1] != _current) throw Refuse(node, "does not use the data as an input");
                // Y = op(A) · op(B) with the weight in A: op(B) must be [K, batch], and Y comes out [N, batch].
                if (transB == _column)
                    throw Refuse(node, "gets the data with the wrong orientation for the weight-first product");
                long n = transA ? cols : rows, k = transA ? rows : cols;
                if (k != _features) throw Refuse(node, $"has a weight of shape {w.ShapeText} (transA={(transA ? 1 : 0)}) for data of {_features} values");
                StartLayer(node, (int)k, (int)n, (i, j) => alpha * (transA ? w.Values[i * cols + j] : w.Values[j * cols + i]));
                _column = true;
            }
            if (node.Input.Count > 2 && node.Input[2] != "") AddToBias(node, ConstantInput(node, 2, "bias"), beta);
        }

        private void AddBias(NodeProto node)
        {
            if (_weights == null)
                throw Refuse(node, "adds to a value that is not a dense layer's output; TinyNet adds only biases, right after Gemm or MatMul");
            int constant = node.Input[0] == _current ? 1 : 0;
            if (node.Input.Count != 2 || node.Input[constant] == _current) throw Refuse(node, "does not add a constant to the data");
            AddToBias(node, ConstantInput(node, constant, "bias"), 1.0);
        }

        private void CheckSoftmaxAxis(NodeProto node)
        {
            // Before opset 13 the default axis was 1 (and it flattened from there); from 13 it is -1.
            long axis = IntAttribute(node, "axis", _opset >= 13 ? -1 : 1);
            long rank = _column ? 2 : _rank;
            long normalized = axis < 0 ? axis + rank : axis;
            if (_column || normalized != rank - 1)
                throw Refuse(node, $"runs over axis {axis} of a rank-{rank} tensor{(_column ? " laid out [values, batch]" : "")}; TinyNet's softmax runs over a layer's neurons, the last axis");
        }

        private void CheckFlatRows(NodeProto node)
        {
            if (_rank > 2) throw Refuse(node, $"gets data of rank {_rank}; flatten the input first (Flatten or Reshape to [batch, values])");
            if (_column) throw Refuse(node, "gets data laid out [values, batch]; MatMul needs [batch, values]");
        }

        private void StartLayer(NodeProto node, int inputs, int neurons, Func<int, int, double> weight)
        {
            if (_weights != null) CloseLayer(node, Activation.IdentityCode);
            string? problem = ModelRules.CheckShape(inputs, neurons, Activation.IdentityCode, WeightType.Float32);
            if (problem != null) throw Refuse(node, $"makes a layer TinyNet cannot hold: {problem}");
            _weights = new float[inputs * neurons];
            for (int k = 0; k < inputs; k++)
                for (int j = 0; j < neurons; j++)
                    _weights[k * neurons + j] = (float)weight(k, j);
            _bias = null;
            _inputs = inputs;
            _neurons = neurons;
            _layerNode = node.Name;
            _features = neurons;
            _rank = 2;
        }

        // A bias of one value, or one per neuron shaped to broadcast over the batch ([N] or [1,N] for
        // [batch, N] data, [N,1] for [N, batch] data), scaled by beta.
        private void AddToBias(NodeProto node, OnnxConstant c, double beta)
        {
            long[] d = c.Dims;
            bool perNeuron = _column
                ? d.Length == 2 && d[0] == _neurons && d[1] == 1
                : (d.Length == 1 && d[0] == _neurons) || (d.Length == 2 && d[0] == 1 && d[1] == _neurons);
            bool single = c.Values.Length == 1 && d.Length <= 2;
            if (!perNeuron && !single)
                throw Refuse(node, $"adds a tensor of shape {c.ShapeText} to a layer of {_neurons} neurons; TinyNet's bias is one value per neuron");
            _bias ??= new float[_neurons];
            for (int j = 0; j < _neurons; j++)
                _bias[j] = (float)(_bias[j] + beta * c.Values[single ? 0 : j]);
        }

        private void CloseLayer(NodeProto node, int activationCode)
        {
            if (_weights == null)
                throw Refuse(node, "is not right after a dense layer; TinyNet layers are Gemm or MatMul (+ Add), then at most one activation");
            var layer = new ModelLayer(_inputs, _neurons, activationCode, WeightType.Float32, _bias != null);
            Array.Copy(_weights, layer.Weights, _weights.Length);
            if (_bias != null) Array.Copy(_bias, layer.Biases, _bias.Length);
            foreach (float v in _weights.Concat(_bias ?? []))
                if (!float.IsFinite(v)) throw Refuse(node, "ends a layer whose weights or biases are not all finite float32 numbers");
            _layers.Add(layer);
            if (_layers.Count > ModelFormat.MaxLayers)
                throw Refuse(node, $"makes layer {_layers.Count}; a TinyNet model holds at most {ModelFormat.MaxLayers}");
            _weights = null;
            _bias = null;
        }

        private ModelLayer[] Finish()
        {
            if (_weights != null) CloseLayer(new NodeProto { Name = _layerNode, OpType = "end of graph" }, Activation.IdentityCode);
            string output = _graph.Output[0].Name;
            if (output != _current)
                throw new UserError($"the model's output '{output}' is not the end of its chain of layers ('{_current}'); {Supported}");
            if (_layers.Count == 0)
                throw new UserError($"the model has no dense layer (Gemm or MatMul); {Supported}");
            return _layers.ToArray();
        }

        /// <summary>The value of a node's input that must be known when the file is read.</summary>
        private OnnxConstant ConstantInput(NodeProto node, int index, string role)
        {
            if (index >= node.Input.Count || node.Input[index] == "") throw Refuse(node, $"has no {role} input");
            string name = node.Input[index];
            if (_flowNames.Contains(name)) throw Refuse(node, $"takes its {role} from the data; TinyNet needs fixed {role}s stored in the file");
            return Resolve(name, node, role);
        }

        private OnnxConstant Resolve(string name, NodeProto user, string role)
        {
            if (_constants.TryGetValue(name, out var known)) return known;
            OnnxConstant value;
            if (_initializers.TryGetValue(name, out var tensor))
            {
                value = OnnxConstant.FromTensor(tensor, Where(user));
            }
            else if (_producers.TryGetValue(name, out var producer))
            {
                value = Evaluate(producer, user, role);
            }
            else
            {
                throw Refuse(user, $"takes its {role} '{name}' from a graph input or a value no node makes; TinyNet needs {role}s stored in the file (initializers)");
            }
            _constants[name] = value;
            return value;
        }

        // The few operations exporters leave on constants when constant folding is off.
        private OnnxConstant Evaluate(NodeProto producer, NodeProto user, string role)
        {
            string output = producer.Output[0];
            switch (producer.OpType)
            {
                case "Constant":
                    var attribute = producer.Attribute.FirstOrDefault(a => a.Name == "value")
                        ?? throw Refuse(producer, "is a Constant without a 'value' tensor; TinyNet reads Constant nodes that hold a tensor");
                    var tensor = attribute.T.Clone();
                    tensor.Name = output;
                    return OnnxConstant.FromTensor(tensor, Where(producer));
                case "Identity":
                    return Resolve(producer.Input[0], producer, role);
                case "Cast":
                    return Resolve(producer.Input[0], producer, role).CastTo((int)IntAttribute(producer, "to", (int)DataType.Float), output);
                case "Transpose":
                    var source = Resolve(producer.Input[0], producer, role);
                    long[] perm = producer.Attribute.FirstOrDefault(a => a.Name == "perm")?.Ints.ToArray() ?? [1, 0];
                    if (source.Dims.Length != 2 || perm.Length != 2 || perm[0] != 1 || perm[1] != 0)
                        throw Refuse(producer, "transposes a tensor other than a matrix; TinyNet folds only 2-D transposes of weights");
                    return source.Transposed(output);
                case "DequantizeLinear":
                    return Dequantize(producer, role);
                default:
                    throw Refuse(user, $"takes its {role} '{output}' from node '{producer.Name}' ({producer.OpType}), computed at run time; TinyNet needs fixed {role}s stored in the file (initializers)");
            }
        }

        // (q - zero point) × scale, per tensor or per slice along 'axis' (opset 13).
        private OnnxConstant Dequantize(NodeProto node, string role)
        {
            var q = Resolve(node.Input[0], node, role);
            var scale = Resolve(node.Input[1], node, role);
            OnnxConstant? zero = node.Input.Count > 2 && node.Input[2] != "" ? Resolve(node.Input[2], node, role) : null;
            long axis = IntAttribute(node, "axis", 1);
            if (axis < 0) axis += q.Dims.Length;
            int per = scale.Values.Length;
            if (per != 1 && (axis >= q.Dims.Length || q.Dims[axis] != per))
                throw Refuse(node, $"has {per} scales for a tensor of shape {q.ShapeText} along axis {axis}");
            long inner = 1;
            for (long i = axis + 1; i < q.Dims.Length; i++) inner *= q.Dims[i];
            var values = new double[q.Values.Length];
            for (int i = 0; i < values.Length; i++)
            {
                int slice = per == 1 ? 0 : (int)(i / inner % per);
                double z = zero == null ? 0 : zero.Values[zero.Values.Length == 1 ? 0 : slice];
                values[i] = (float)((float)(q.Values[i] - z) * (float)scale.Values[slice]);
            }
            return new OnnxConstant(node.Output[0], q.Dims, values, (int)DataType.Float);
        }

        private static long IntAttribute(NodeProto node, string name, long fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.I : fallback;

        private static double FloatAttribute(NodeProto node, string name, double fallback) =>
            node.Attribute.FirstOrDefault(a => a.Name == name) is { } a ? a.F : fallback;

        private static string Where(NodeProto node) => $"node '{node.Name}' ({node.OpType})";

        private static UserError Refuse(NodeProto node, string why) => new($"cannot import: {Where(node)} {why}");
    }
}
