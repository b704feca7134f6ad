using TinyNet.Layers;

namespace TinyNet.Models
{
    /// <summary>
    /// One dense layer of a stored model: its shape, activation, and parameters in their stored type.
    /// </summary>
    /// <remarks>
    /// Weights are inputs × neurons, row-major, row k holding the weights leaving input k (the same
    /// layout as <see cref="TinyNet.Layers.DenseLayer.Weights"/>). A float32 layer fills <see cref="Weights"/>; an int8
    /// layer fills <see cref="QuantizedWeights"/> and <see cref="Scales"/> (weight ≈ q · scale[neuron]).
    /// The arrays are allocated here, at their final size, and filled by the caller.
    /// </remarks>
    public sealed class ModelLayer
    {
        /// <summary>Values coming in.</summary>
        public readonly int Inputs;
        /// <summary>Neurons, that is values going out.</summary>
        public readonly int Neurons;
        /// <summary>The activation's code (<see cref="TinyNet.Activations.Activation.Code"/>).</summary>
        public readonly int ActivationCode;
        /// <summary><see cref="WeightType.Float32"/> or <see cref="WeightType.Int8"/>.</summary>
        public readonly int WeightType;
        /// <summary>False when the layer has no bias (then <see cref="Biases"/> is null).</summary>
        public readonly bool HasBias;

        /// <summary>Float32 weights (inputs × neurons), or null for an int8 layer.</summary>
        public readonly float[] Weights;
        /// <summary>Int8 weights (inputs × neurons), or null for a float32 layer.</summary>
        public readonly sbyte[] QuantizedWeights;
        /// <summary>One scale per neuron for an int8 layer, or null for a float32 layer.</summary>
        public readonly float[] Scales;
        /// <summary>One bias per neuron, or null when <see cref="HasBias"/> is false.</summary>
        public readonly float[] Biases;

        /// <summary>
        /// Allocates a layer of the given shape with zero parameters. Throws ArgumentException for a
        /// shape the model file cannot hold; file readers check shapes before calling this.
        /// </summary>
        public ModelLayer(int inputs, int neurons, int activationCode, int weightType, bool hasBias)
            : this(inputs, neurons, activationCode, weightType, hasBias, LoadMode.Full)
        {
        }

        /// <summary>
        /// Allocates a layer of the given shape with the parameter arrays <paramref name="loadMode"/> keeps
        /// (a <see cref="LoadMode"/>): all of them, all but the int8 weights, or none (shape only).
        /// </summary>
        public ModelLayer(int inputs, int neurons, int activationCode, int weightType, bool hasBias, int loadMode)
        {
            string problem = ModelRules.CheckShape(inputs, neurons, activationCode, weightType);
            if (problem != null)
            {
                throw new System.ArgumentException("a layer " + problem);
            }
            Inputs = inputs;
            Neurons = neurons;
            ActivationCode = activationCode;
            WeightType = weightType;
            HasBias = hasBias;
            if (loadMode == LoadMode.Shape || loadMode == LoadMode.Validate)
            {
                return;
            }
            if (weightType == Layers.WeightType.Int8)
            {
                if (loadMode != LoadMode.StreamInt8Weights)
                {
                    QuantizedWeights = new sbyte[inputs * neurons];
                }
                Scales = new float[neurons];
            }
            else
            {
                Weights = new float[inputs * neurons];
            }
            if (hasBias)
            {
                Biases = new float[neurons];
            }
        }

        /// <summary>True when the weights are in memory (false for a shape-only layer or an int8 layer whose weights stay in the file).</summary>
        public bool WeightsInMemory { get { return Weights != null || QuantizedWeights != null; } }

        /// <summary>True when the weights are int8.</summary>
        public bool IsQuantized { get { return WeightType == Layers.WeightType.Int8; } }

        /// <summary>Number of weights (inputs × neurons).</summary>
        public int WeightCount { get { return Inputs * Neurons; } }

        /// <summary>Trainable parameters: weights plus biases (scales are not counted).</summary>
        public int ParameterCount { get { return Inputs * Neurons + (HasBias ? Neurons : 0); } }

        /// <summary>Bytes of parameters as stored: weights in their type, scales, biases.</summary>
        public int ParameterBytes
        {
            get
            {
                return ModelFormat.LayerPayloadBytes(Inputs, Neurons, WeightType, HasBias);
            }
        }
    }
}
