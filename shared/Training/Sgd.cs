using TinyNet.Kernels;
using TinyNet.Layers;

namespace TinyNet.Training
{
    /// <summary>
    /// Stochastic gradient descent: W ← W − α · dL/dW (and the same for every parameter), optionally
    /// with momentum (v ← μv − α · dL/dW, W ← W + v). Momentum is off by default.
    /// </summary>
    /// <remarks>
    /// The whole update lives here, in two strategies handed to the network's Backward as its
    /// <see cref="GradientSink"/>: <see cref="StoredGradients"/> then <see cref="Step"/>, or, for
    /// plain SGD, the fused <see cref="FusedSgdStep"/> that updates while going backward.
    /// </remarks>
    public sealed class Sgd
    {
        private readonly Network _network;
        private readonly ScalarKernels _kernels;
        private readonly FusedSgdStep _fused;
        // One velocity per parameter of every layer, in layer order then parameter order.
        private readonly float[][] _velocity;

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
            _fused = new FusedSgdStep(this);
            if (momentum != 0f)
            {
                _velocity = new float[CountParameters(network)][];
                int v = 0;
                for (int i = 0; i < network.LayerCount; i++)
                {
                    Parameter[] parameters = network.Layer(i).Parameters;
                    for (int p = 0; p < parameters.Length; p++)
                    {
                        _velocity[v++] = new float[parameters[p].Values.Length];
                    }
                }
            }
        }

        /// <summary>The strategy <see cref="BackwardAndStep"/> uses without momentum: the update applied inside Backward.</summary>
        public GradientSink Fused { get { return _fused; } }

        /// <summary>Applies one update from the gradients stored by the last Backward (<see cref="StoredGradients"/>).</summary>
        public void Step()
        {
            int v = 0;
            for (int i = 0; i < _network.LayerCount; i++)
            {
                Parameter[] parameters = _network.Layer(i).Parameters;
                for (int p = 0; p < parameters.Length; p++)
                {
                    if (Momentum == 0f)
                    {
                        StepPlain(parameters[p]);
                    }
                    else
                    {
                        Accelerate(_velocity[v], parameters[p].Gradients, parameters[p].Values);
                    }
                    v++;
                }
            }
        }

        /// <summary>
        /// The network's Backward for <paramref name="target"/> followed by the update; without
        /// momentum the two run fused (<see cref="FusedSgdStep"/>), which is faster and equal up to
        /// float rounding.
        /// </summary>
        public void BackwardAndStep(float[] target)
        {
            if (Momentum == 0f)
            {
                _network.Backward(target, _fused);
            }
            else
            {
                _network.Backward(target, StoredGradients.Instance);
                Step();
            }
        }

        private void StepPlain(Parameter parameter)
        {
            // Only the rows the gradient holds can be nonzero; the others would add zero.
            int n = parameter.Columns;
            for (int i = 0; i < parameter.GradientRowCount; i++)
            {
                int offset = parameter.GradientRow(i) * n;
                _kernels.Axpy(-LearningRate, parameter.Gradients, offset, parameter.Values, offset, n);
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

        private static int CountParameters(Network network)
        {
            int count = 0;
            for (int i = 0; i < network.LayerCount; i++)
            {
                count += network.Layer(i).Parameters.Length;
            }
            return count;
        }
    }
}
