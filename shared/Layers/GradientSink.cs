using TinyNet.Kernels;

namespace TinyNet.Layers
{
    /// <summary>
    /// Where a layer's Backward puts its parameter gradients: an optimizer strategy decides
    /// whether they are stored (for a later step, momentum, or a lesson to show) or applied at once.
    /// </summary>
    /// <remarks>
    /// The gradients are described, not handed over as finished arrays: a weight gradient as the
    /// outer-product sum dW = Σᵣ x[r]ᵀ · dz[r] with the rows of dW that can be nonzero, a bias
    /// gradient as the column sums of dz. That lets a sink apply W ← W − α · dW row by row without
    /// ever writing dW. The layer passes its kernels so the sink computes with the same arithmetic.
    /// </remarks>
    public abstract class GradientSink
    {
        /// <summary>
        /// The gradient of <paramref name="weights"/> (inner × cols, inner = x's columns, cols = dz's
        /// columns) is dW[k, j] = Σᵣ x[r, k] · dz[r, j] over <paramref name="rows"/> samples, and only the
        /// rows k in <paramref name="activeRows"/>[0..<paramref name="activeRowCount"/>) can be nonzero.
        /// </summary>
        public abstract void WeightGradient(ScalarKernels kernels, Parameter weights, float[] x, float[] dz, int rows, int[] activeRows, int activeRowCount);

        /// <summary>The gradient of <paramref name="biases"/> is db[j] = Σᵣ dz[r, j] over <paramref name="rows"/> samples.</summary>
        public abstract void BiasGradient(ScalarKernels kernels, Parameter biases, float[] dz, int rows);
    }
}
