using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Tests.KernelTests;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

/// <summary>
/// The optimizer's two strategies: Backward into <see cref="StoredGradients"/> + Sgd.Step and the
/// fused BackwardAndStep (<see cref="FusedSgdStep"/>) must train the same network (to rounding),
/// with the scalar kernels and with the host's vector kernels.
/// </summary>
public class FusedStepTests
{
    private static Network Build(ScalarKernels kernels, int batch)
    {
        var net = Network.Create(batch, new[] { 12, 9, 4 }, new Activation[] { new Tanh(), new Softmax() }, new SoftmaxCrossEntropy(), true, kernels);
        net.Initialize(7);
        return net;
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 5)]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    public void FusedStepMatchesBackwardThenStep(bool vector, int batch)
    {
        ScalarKernels kernels = vector ? VectorKernels.Instance : new ScalarKernels();
        Network separate = Build(kernels, batch), fused = Build(kernels, batch);
        var sgdSeparate = new Sgd(separate, 0.5f, kernels);
        var sgdFused = new Sgd(fused, 0.5f, kernels);
        var rnd = new Random(batch);
        var x = new float[batch * 12];
        var t = new float[batch * 4];
        for (int step = 0; step < 30; step++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = rnd.Next(3) == 0 ? 0f : (float)rnd.NextDouble();
            Array.Clear(t);
            for (int r = 0; r < batch; r++) t[r * 4 + rnd.Next(4)] = 1f;

            separate.Forward(x);
            separate.Backward(t);
            sgdSeparate.Step();
            fused.Forward(x);
            sgdFused.BackwardAndStep(t);
        }
        for (int l = 0; l < 2; l++)
        {
            for (int i = 0; i < separate.Dense(l).Weights.Length; i++)
                Assert.Equal(separate.Dense(l).Weights[i], fused.Dense(l).Weights[i], 4);
            for (int i = 0; i < separate.Dense(l).Biases.Length; i++)
                Assert.Equal(separate.Dense(l).Biases[i], fused.Dense(l).Biases[i], 4);
            // The fused path never stores dL/dW.
            Assert.Equal(0, fused.Dense(l).Parameters[0].GradientRowCount);
            Assert.All(fused.Dense(l).WeightGradients, g => Assert.Equal(0f, g));
        }
        // And the weights actually moved (the test would pass trivially otherwise).
        Assert.NotEqual(Build(kernels, batch).Dense(0).Weights, fused.Dense(0).Weights);
    }

    /// <summary>
    /// The storing strategy writes only the rows that can be nonzero, so it must clear the rows the
    /// previous step left: after any sequence of batches (and fused steps in between), the stored
    /// dL/dW is exactly this batch's, as the naive reference computes it from dL/dZ.
    /// </summary>
    [Theory]
    [InlineData(false, 1)]
    [InlineData(false, 5)]
    [InlineData(true, 1)]
    [InlineData(true, 5)]
    public void StoredGradientsHoldExactlyTheLastBatch(bool vector, int batch)
    {
        ScalarKernels kernels = vector ? VectorKernels.Instance : new ScalarKernels();
        Network network = Build(kernels, batch);
        var sgd = new Sgd(network, 0.1f, kernels);
        var rnd = new Random(batch + 100);
        var x = new float[batch * 12];
        var t = new float[batch * 4];
        for (int step = 0; step < 12; step++)
        {
            // Mostly zeros, a different few inputs each time: stale rows would show.
            for (int i = 0; i < x.Length; i++) x[i] = rnd.Next(4) == 0 ? (float)rnd.NextDouble() : 0f;
            Array.Clear(t);
            for (int r = 0; r < batch; r++) t[r * 4 + rnd.Next(4)] = 1f;
            network.Forward(x);
            if (step % 3 == 2)
            {
                sgd.BackwardAndStep(t);   // a fused step in between leaves no gradient behind
                Assert.All(network.Dense(0).WeightGradients, g => Assert.Equal(0f, g));
                continue;
            }
            network.Backward(t);
            float[] hiddenInput = x, outputInput = network.Layer(0).Outputs;
            DenseLayer hidden = network.Dense(0), output = network.Dense(1);
            KernelParity.Close(ReferenceKernels.WeightGradient(hiddenInput, hidden.PreActivationGradients, batch, 12, 9), hidden.WeightGradients, "hidden dW");
            KernelParity.Close(ReferenceKernels.WeightGradient(outputInput, output.PreActivationGradients, batch, 9, 4), output.WeightGradients, "output dW");
            KernelParity.Close(ReferenceKernels.SumRows(hidden.PreActivationGradients, batch, 9), hidden.BiasGradients, "hidden dB");
            for (int k = 0; k < 12; k++)
            {
                bool rowListed = Enumerable.Range(0, hidden.Parameters[0].GradientRowCount).Any(i => hidden.Parameters[0].GradientRow(i) == k);
                bool inputUsed = Enumerable.Range(0, batch).Any(r => x[r * 12 + k] != 0f);
                Assert.Equal(inputUsed, rowListed);
            }
            sgd.Step();
        }
    }

    /// <summary>With momentum there is no fused strategy: BackwardAndStep is Backward then Step.</summary>
    [Fact]
    public void MomentumStepsFromStoredGradients()
    {
        ScalarKernels kernels = new ScalarKernels();
        Network a = Build(kernels, 3), b = Build(kernels, 3);
        var sgdA = new Sgd(a, 0.2f, 0.9f, kernels);
        var sgdB = new Sgd(b, 0.2f, 0.9f, kernels);
        var rnd = new Random(9);
        var x = new float[3 * 12];
        var t = new float[3 * 4];
        for (int step = 0; step < 10; step++)
        {
            for (int i = 0; i < x.Length; i++) x[i] = (float)rnd.NextDouble();
            Array.Clear(t);
            for (int r = 0; r < 3; r++) t[r * 4 + rnd.Next(4)] = 1f;
            a.Forward(x);
            sgdA.BackwardAndStep(t);
            b.Forward(x);
            b.Backward(t);
            sgdB.Step();
        }
        Assert.Equal(b.Dense(0).Weights, a.Dense(0).Weights);
        Assert.Equal(b.Dense(1).Biases, a.Dense(1).Biases);
        Assert.NotEqual(Build(kernels, 3).Dense(0).Weights, a.Dense(0).Weights);
    }
}
