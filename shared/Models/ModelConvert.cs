using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Models
{
    /// <summary>
    /// Converts between the engine's <see cref="Network"/> (what trains) and a stored
    /// <see cref="Model"/> (what is written, shipped and predicted with). The only place that reads
    /// a network's layers to build a model, or builds a network's layers from a model.
    /// </summary>
    /// <remarks>
    /// Network → model copies the float weights and biases as they are, so the model's outputs are
    /// bit-identical to the network's. It does not look at the values: a network whose training
    /// diverged gives a model with NaN or infinite weights, which <see cref="ModelFile.Check"/>
    /// refuses to write.
    /// Model → network of an int8 layer dequantizes it: weight = q · scale[neuron], one float
    /// product per weight. The network then computes Σ x·(q·scale) where the
    /// <see cref="Predictor"/> computes (Σ x·q)·scale, so their scores agree up to float rounding,
    /// not bit for bit; quantizing the network again gives back the same int8 bytes.
    /// </remarks>
    public static class ModelConvert
    {
        /// <summary>
        /// A float32 model named <paramref name="name"/> holding a copy of the network's weights and
        /// biases, layer by layer (same shapes, activations and bias flags).
        /// </summary>
        public static Model FromNetwork(Network network, string name)
        {
            return FromNetwork(network, name, null);
        }

        /// <summary>
        /// As <see cref="FromNetwork(Network, string)"/>, naming the classes (one per output, or null).
        /// </summary>
        public static Model FromNetwork(Network network, string name, string[] classNames)
        {
            ModelLayer[] layers = new ModelLayer[network.LayerCount];
            for (int i = 0; i < layers.Length; i++)
            {
                DenseLayer dense = (DenseLayer)network.Layer(i);
                ModelLayer layer = new ModelLayer(dense.Inputs, dense.Neurons, dense.Activation.Code, WeightType.Float32, dense.HasBias);
                System.Array.Copy(dense.Weights, layer.Weights, dense.Weights.Length);
                if (dense.HasBias)
                {
                    System.Array.Copy(dense.Biases, layer.Biases, dense.Biases.Length);
                }
                layers[i] = layer;
            }
            return new Model(name, layers, classNames);
        }

        /// <summary>
        /// A network of the model's shape, activations and parameters (int8 layers dequantized, see
        /// the class remarks), built for <paramref name="batchSize"/> samples at a time and
        /// differentiating <paramref name="loss"/>; <paramref name="kernels"/> does its arithmetic.
        /// </summary>
        public static Network ToNetwork(Model model, int batchSize, Loss loss, ScalarKernels kernels)
        {
            DenseLayer[] layers = new DenseLayer[model.LayerCount];
            for (int i = 0; i < layers.Length; i++)
            {
                ModelLayer stored = model.Layer(i);
                DenseLayer layer = new DenseLayer(stored.Inputs, stored.Neurons, batchSize, Activation.FromCode(stored.ActivationCode), stored.HasBias, kernels);
                if (stored.IsQuantized)
                {
                    Dequantize(stored, layer.Weights);
                }
                else
                {
                    System.Array.Copy(stored.Weights, layer.Weights, stored.Weights.Length);
                }
                if (stored.HasBias)
                {
                    System.Array.Copy(stored.Biases, layer.Biases, stored.Biases.Length);
                }
                layers[i] = layer;
            }
            return new Network(layers, loss);
        }

        // weights[k · neurons + j] = q[k · neurons + j] · scale[j]: the value the int8 byte stands for.
        private static void Dequantize(ModelLayer stored, float[] weights)
        {
            int neurons = stored.Neurons;
            for (int k = 0; k < stored.Inputs; k++)
            {
                int row = k * neurons;
                for (int j = 0; j < neurons; j++)
                {
                    weights[row + j] = stored.QuantizedWeights[row + j] * stored.Scales[j];
                }
            }
        }
    }
}
