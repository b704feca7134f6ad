using TinyNet.Kernels;
using TinyNet.Layers;

namespace TinyNet.Training
{
    /// <summary>
    /// The fused, row-sparse strategy of plain SGD: Backward applies W ← W − α · xᵀ·dz directly,
    /// over the input rows that were nonzero, without ever storing dL/dW.
    /// </summary>
    /// <remarks>
    /// The same update as <see cref="StoredGradients"/> followed by <see cref="Sgd.Step"/> without
    /// momentum (up to float rounding). Writing, clearing and re-reading dL/dW was most of a batch-1
    /// training step's memory traffic, so this is what makes small-batch training fast. After it,
    /// a weight gradient is all zero (its row list empty); a bias gradient holds dL/dB.
    /// </remarks>
    public sealed class FusedSgdStep : GradientSink
    {
        private readonly Sgd _sgd;

        /// <summary>A strategy that steps with <paramref name="sgd"/>'s learning rate as it is at each call.</summary>
        public FusedSgdStep(Sgd sgd)
        {
            _sgd = sgd;
        }

        /// <inheritdoc/>
        public override void WeightGradient(ScalarKernels kernels, Parameter weights, float[] x, float[] dz, int rows, int[] activeRows, int activeRowCount)
        {
            weights.ClearGradients();
            kernels.AddWeightGradient(-_sgd.LearningRate, x, dz, weights.Values, rows, weights.Rows, weights.Columns, activeRows, activeRowCount);
        }

        /// <inheritdoc/>
        public override void BiasGradient(ScalarKernels kernels, Parameter biases, float[] dz, int rows)
        {
            kernels.SumRows(dz, biases.Gradients, rows, biases.Columns);
            biases.SetAllGradientRows();
            kernels.Axpy(-_sgd.LearningRate, biases.Gradients, 0, biases.Values, 0, biases.Values.Length);
        }
    }
}
