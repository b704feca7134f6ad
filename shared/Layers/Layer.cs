using TinyNet.Activations;
using TinyNet.Numerics;

namespace TinyNet.Layers
{
    /// <summary>
    /// What a network needs from a layer of any kind: a forward pass, a backward pass that hands
    /// its parameter gradients to a <see cref="GradientSink"/>, its trainable parameters, and the
    /// bytes it needs (AIfES's sizeof_* idea: the figures are known before anything is allocated).
    /// </summary>
    /// <remarks>
    /// Every buffer is allocated when the layer is built; Forward and Backward allocate nothing.
    /// Call order for one training step: Forward (each layer, first to last), then Backward (last
    /// to first, each receiving the next layer's <see cref="InputGradients"/>), and the optimizer
    /// applies the update either inside Backward (through the sink) or after it.
    /// </remarks>
    public abstract class Layer
    {
        /// <summary>Values per sample coming in.</summary>
        public readonly int Inputs;
        /// <summary>Values per sample going out.</summary>
        public readonly int OutputSize;
        /// <summary>Samples per Forward call.</summary>
        public readonly int BatchSize;
        /// <summary>The output of the last Forward, batch × <see cref="OutputSize"/>.</summary>
        public readonly float[] Outputs;
        /// <summary>dL/dX from the last Backward, batch × <see cref="Inputs"/> (left untouched when not asked for).</summary>
        public readonly float[] InputGradients;

        /// <summary>Checks the shape and allocates the output and input-gradient buffers.</summary>
        protected Layer(int inputs, int outputSize, int batchSize)
        {
            if (inputs <= 0 || outputSize <= 0 || batchSize <= 0)
            {
                throw new System.ArgumentException("inputs, outputs and batch size must be positive");
            }
            Inputs = inputs;
            OutputSize = outputSize;
            BatchSize = batchSize;
            Outputs = new float[batchSize * outputSize];
            InputGradients = new float[batchSize * inputs];
        }

        /// <summary>Runs a batch (batch × <see cref="Inputs"/>, flat); returns <see cref="Outputs"/>. The input is kept (not copied) for Backward.</summary>
        public abstract float[] Forward(float[] input);

        /// <summary>
        /// Backward from dL/dY (<paramref name="outputGradients"/>, batch × <see cref="OutputSize"/>):
        /// gives each parameter's gradient to <paramref name="sink"/> and, when
        /// <paramref name="computeInputGradients"/> (every layer but the first), fills
        /// <see cref="InputGradients"/> using the parameters as they were before the sink touched them.
        /// </summary>
        /// <param name="outputGradients">dL/dY, or dL/dZ when <paramref name="skipActivation"/>.</param>
        /// <param name="skipActivation">
        /// True when the loss already folded in the derivative of <see cref="OutputActivation"/>
        /// (softmax + cross-entropy, sigmoid + logistic), so the gradient is with respect to the
        /// activation's input.
        /// </param>
        /// <param name="computeInputGradients">Whether to fill <see cref="InputGradients"/>.</param>
        /// <param name="sink">Receives the parameter gradients (stores them, or applies an update directly).</param>
        public abstract void Backward(float[] outputGradients, bool skipActivation, bool computeInputGradients, GradientSink sink);

        /// <summary>The non-linearity that produces <see cref="Outputs"/>, or null when there is none (a loss may fuse its derivative with it).</summary>
        public abstract Activation OutputActivation { get; }

        /// <summary>The trainable tensors, in a fixed order (the optimizer keeps its own state per entry).</summary>
        public abstract Parameter[] Parameters { get; }

        /// <summary>Sets the parameters to their starting values, drawing from <paramref name="random"/>.</summary>
        public abstract void Initialize(Prng random);

        /// <summary>Bytes of the buffers this layer needs to run Forward (parameters and activations).</summary>
        public abstract int InferenceBytes();

        /// <summary>Bytes of every buffer this layer allocated, training included (gradients, bookkeeping).</summary>
        public abstract int TrainingBytes();

        /// <summary>Trainable values: the sum of the <see cref="Parameters"/>' sizes.</summary>
        public int ParameterCount
        {
            get
            {
                Parameter[] parameters = Parameters;
                int count = 0;
                for (int i = 0; i < parameters.Length; i++)
                {
                    count += parameters[i].Values.Length;
                }
                return count;
            }
        }
    }
}
