using TinyNet.Kernels;
using TinyNet.Layers;

namespace TinyNet.Training
{
    /// <summary>
    /// Stochastic gradient descent: W ← W − α · dL/dW (and the same for B), optionally with
    /// momentum (v ← μv − α · dL/dW, W ← W + v). Momentum is off by default.
    /// </summary>
    public sealed class Sgd
    {
        private readonly Network _network;
        private readonly ScalarKernels _kernels;
        private readonly float[][] _weightVelocity;
        private readonly float[][] _biasVelocity;

        /// <summary>α, the step size; may be changed between steps (for a schedule).</summary>
        public float LearningRate;

        /// <summary>μ, fixed at construction (its buffers are allocated only when it is nonzero).</summary>
        public readonly float Momentum;

        /// <summary>Plain SGD with learning rate α.</summary>
        public Sgd(Network network, float learningRate, ScalarKernels kernels)
            : this(network, learningRate, 0f, kernels)
        {
        }

        /// <summary>SGD with learning rate α and momentum μ (0 for none).</summary>
        public Sgd(Network network, float learningRate, float momentum, ScalarKernels kernels)
        {
            _network = network;
            _kernels = kernels;
            LearningRate = learningRate;
            Momentum = momentum;
            if (momentum != 0f)
            {
                _weightVelocity = new float[network.LayerCount][];
                _biasVelocity = new float[network.LayerCount][];
                for (int i = 0; i < network.LayerCount; i++)
                {
                    _weightVelocity[i] = new float[network.Layer(i).Weights.Length];
                    _biasVelocity[i] = new float[network.Layer(i).Biases.Length];
                }
            }
        }

        /// <summary>Applies one update from the gradients of the last Backward.</summary>
        public void Step()
        {
            for (int i = 0; i < _network.LayerCount; i++)
            {
                DenseLayer layer = _network.Layer(i);
                if (Momentum == 0f)
                {
                    StepPlain(layer);
                }
                else
                {
                    StepWithMomentum(layer, _weightVelocity[i], _biasVelocity[i]);
                }
            }
        }

        /// <summary>
        /// The network's Backward for <paramref name="target"/> followed by <see cref="Step"/>; without
        /// momentum the two run fused (<see cref="Network.BackwardAndStep"/>), which is faster and
        /// equal up to float rounding.
        /// </summary>
        public void BackwardAndStep(float[] target)
        {
            if (Momentum == 0f)
            {
                _network.BackwardAndStep(target, LearningRate);
            }
            else
            {
                _network.Backward(target);
                Step();
            }
        }

        private void StepPlain(DenseLayer layer)
        {
            // Only rows that saw a nonzero input carry a gradient; the others would add zero.
            int n = layer.Neurons;
            for (int i = 0; i < layer.GradientRowCount; i++)
            {
                int offset = layer.GradientRow(i) * n;
                _kernels.Axpy(-LearningRate, layer.WeightGradients, offset, layer.Weights, offset, n);
            }
            if (layer.HasBias)
            {
                _kernels.Axpy(-LearningRate, layer.BiasGradients, 0, layer.Biases, 0, n);
            }
        }

        private void StepWithMomentum(DenseLayer layer, float[] weightVelocity, float[] biasVelocity)
        {
            Accelerate(weightVelocity, layer.WeightGradients, layer.Weights);
            if (layer.HasBias)
            {
                Accelerate(biasVelocity, layer.BiasGradients, layer.Biases);
            }
        }

        private void Accelerate(float[] velocity, float[] gradient, float[] parameters)
        {
            for (int i = 0; i < velocity.Length; i++)
            {
                velocity[i] = Momentum * velocity[i] - LearningRate * gradient[i];
                parameters[i] += velocity[i];
            }
        }
    }
}
