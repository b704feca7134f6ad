namespace TinyNet.Models
{
    /// <summary>
    /// A network as it is stored and shipped: a name and a chain of dense layers with their
    /// parameters, float32 or int8. It does not run by itself; the Predictor runs it.
    /// </summary>
    public sealed class Model
    {
        private readonly ModelLayer[] _layers;
        private readonly string[] _classNames;

        /// <summary>A short ASCII name (may be empty).</summary>
        public readonly string Name;

        /// <summary>
        /// Wraps the layers (not copied). Throws ArgumentException when they do not chain
        /// (each layer's inputs must equal the previous layer's neurons) or the name is unusable.
        /// </summary>
        public Model(string name, ModelLayer[] layers)
            : this(name, layers, null)
        {
        }

        /// <summary>
        /// Wraps the layers and names the classes, one name per output (see
        /// <see cref="ModelRules.CheckClassNames"/>); <paramref name="classNames"/> may be null.
        /// </summary>
        public Model(string name, ModelLayer[] layers, string[] classNames)
        {
            if (name == null)
            {
                name = "";
            }
            string problem = ModelRules.CheckName(name);
            if (problem == null)
            {
                problem = ModelRules.CheckLayerCount(layers == null ? 0 : layers.Length);
            }
            for (int i = 0; problem == null && i < layers.Length; i++)
            {
                if (layers[i] == null)
                {
                    problem = "layer " + (i + 1).ToString() + " is missing";
                }
                else if (i > 0 && layers[i].Inputs != layers[i - 1].Neurons)
                {
                    problem = ModelRules.ChainMessage(i, layers[i].Inputs, layers[i - 1].Neurons);
                }
            }
            if (problem == null)
            {
                problem = ModelRules.CheckClassNames(classNames, layers[layers.Length - 1].Neurons);
            }
            if (problem != null)
            {
                throw new System.ArgumentException(problem);
            }
            Name = name;
            _layers = layers;
            _classNames = classNames;
        }

        /// <summary>Number of layers.</summary>
        public int LayerCount { get { return _layers.Length; } }

        /// <summary>The i-th layer (0-based).</summary>
        public ModelLayer Layer(int i)
        {
            return _layers[i];
        }

        /// <summary>Values per input sample (the first layer's inputs).</summary>
        public int Inputs { get { return _layers[0].Inputs; } }

        /// <summary>Values per output (the last layer's neurons).</summary>
        public int Outputs { get { return _layers[_layers.Length - 1].Neurons; } }

        /// <summary>True when the model names its classes (one name per output).</summary>
        public bool HasClassNames { get { return _classNames != null; } }

        /// <summary>The class names, one per output, or null when the model has none (not copied).</summary>
        public string[] ClassNames { get { return _classNames; } }

        /// <summary>The name of class <paramref name="index"/>, or its number when the model names no classes.</summary>
        public string ClassName(int index)
        {
            return _classNames != null ? _classNames[index] : index.ToString();
        }

        /// <summary>True when any layer stores int8 weights.</summary>
        public bool IsQuantized
        {
            get
            {
                for (int i = 0; i < _layers.Length; i++)
                {
                    if (_layers[i].IsQuantized)
                    {
                        return true;
                    }
                }
                return false;
            }
        }

        /// <summary>Weights plus biases over all layers.</summary>
        public int ParameterCount
        {
            get
            {
                int count = 0;
                for (int i = 0; i < _layers.Length; i++)
                {
                    count += _layers[i].ParameterCount;
                }
                return count;
            }
        }
    }
}
