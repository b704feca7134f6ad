using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Kernels;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

/// <summary>
/// Backward + Sgd.Step and the fused BackwardAndStep must train the same network (to rounding),
/// with the scalar reference kernels and with the host's vector kernels.
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
            for (int i = 0; i < separate.Layer(l).Weights.Length; i++)
                Assert.Equal(separate.Layer(l).Weights[i], fused.Layer(l).Weights[i], 4);
            for (int i = 0; i < separate.Layer(l).Biases.Length; i++)
                Assert.Equal(separate.Layer(l).Biases[i], fused.Layer(l).Biases[i], 4);
            // The fused path never stores dL/dW.
            Assert.Equal(0, fused.Layer(l).GradientRowCount);
            Assert.All(fused.Layer(l).WeightGradients, g => Assert.Equal(0f, g));
        }
        // And the weights actually moved (the test would pass trivially otherwise).
        Assert.NotEqual(Build(kernels, batch).Layer(0).Weights, fused.Layer(0).Weights);
    }
}
