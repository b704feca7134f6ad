using TinyNet.Kernels;
using TinyNet.Layers;

namespace TinyNet.Training
{
    /// <summary>
    /// The storing strategy: Backward writes dL/dW and dL/dB into each parameter's
    /// <see cref="Parameter.Gradients"/>, for <see cref="Sgd.Step"/> (plain or with momentum) or for
    /// a lesson to show.
    /// </summary>
    /// <remarks>
    /// Only the rows that can be nonzero are written; the rows the previous gradient held are
    /// cleared first, so the gradient outside the listed rows stays exactly zero.
    /// </remarks>
    public sealed class StoredGradients : GradientSink
    {
        /// <summary>One shared instance: the strategy holds no state.</summary>
        public static readonly StoredGradients Instance = new StoredGradients();

        /// <inheritdoc/>
        public override void WeightGradient(ScalarKernels kernels, Parameter weights, float[] x, float[] dz, int rows, int[] activeRows, int activeRowCount)
        {
            weights.ClearGradients();
            kernels.WeightGradient(x, dz, weights.Gradients, rows, weights.Rows, weights.Columns, activeRows, activeRowCount);
            weights.SetGradientRows(activeRows, activeRowCount);
        }

        /// <inheritdoc/>
        public override void BiasGradient(ScalarKernels kernels, Parameter biases, float[] dz, int rows)
        {
            kernels.SumRows(dz, biases.Gradients, rows, biases.Columns);
            biases.SetAllGradientRows();
        }
    }
}
