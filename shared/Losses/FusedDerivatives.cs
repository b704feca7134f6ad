namespace TinyNet.Losses
{
    /// <summary>
    /// Derivatives of a loss through the output activation in one step, for the pairs where the
    /// chain collapses (llm.c's crossentropy_softmax_backward): simpler and more exact than dL/dY
    /// followed by the activation's Backward, whose terms would cancel.
    /// </summary>
    public static class FusedDerivatives
    {
        /// <summary>
        /// Softmax followed by cross-entropy, averaged over the batch: dL/dZ = (Y − Ŷ) / rows, where
        /// Y are the softmax probabilities and Ŷ the target probabilities.
        /// </summary>
        public static void SoftmaxCrossEntropyBackward(float[] probabilities, float[] target, float[] dZ, int rows, int cols)
        {
            DifferenceOverBatch(probabilities, target, dZ, rows, cols);
        }

        /// <summary>
        /// Sigmoid followed by the logistic loss (binary cross-entropy), averaged over the batch:
        /// dL/dZ = (Y − Ŷ) / rows, the σ' = y(1 − y) of the sigmoid cancelling the loss's denominator.
        /// </summary>
        public static void SigmoidLogisticBackward(float[] probabilities, float[] target, float[] dZ, int rows, int cols)
        {
            DifferenceOverBatch(probabilities, target, dZ, rows, cols);
        }

        private static void DifferenceOverBatch(float[] predicted, float[] target, float[] dZ, int rows, int cols)
        {
            // rows ≥ 1 for any layer, so the division is safe on the device.
            float inverseRows = 1f / rows;
            int count = rows * cols;
            for (int i = 0; i < count; i++)
            {
                dZ[i] = (predicted[i] - target[i]) * inverseRows;
            }
        }
    }
}
