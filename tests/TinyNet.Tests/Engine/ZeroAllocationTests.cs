using TinyNet.Activations;
using TinyNet.Host.Kernels;
using TinyNet.Kernels;
using TinyNet.Losses;
using TinyNet.Numerics;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

/// <summary>The engine's promise: after construction, Forward, Backward and Step allocate nothing.</summary>
public class ZeroAllocationTests
{
    [Theory]
    [InlineData(1, true)]
    [InlineData(32, true)]
    [InlineData(1, false)]
    [InlineData(32, false)]
    public void Ten_thousand_training_steps_on_784_128_10_allocate_0_bytes(int batch, bool vector)
    {
        ScalarKernels kernels = vector ? VectorKernels.Instance : new ScalarKernels();
        Network network = Network.Create(batch, [784, 128, 10], [new Tanh(), new Softmax()], new SoftmaxCrossEntropy(), true, kernels);
        network.Initialize(1);
        var sgd = new Sgd(network, 0.01f, kernels);
        // MNIST-like inputs: about 80 % exact zeros, so the sparse paths run too.
        var rng = new Prng(2);
        const int Samples = 16;
        var inputs = new float[Samples][];
        var targets = new float[Samples][];
        for (int s = 0; s < Samples; s++)
        {
            inputs[s] = new float[batch * 784];
            for (int i = 0; i < inputs[s].Length; i++) inputs[s][i] = rng.NextFloat() < 0.8f ? 0f : rng.NextFloat();
            targets[s] = new float[batch * 10];
            for (int r = 0; r < batch; r++) targets[s][r * 10 + rng.NextInt(10)] = 1f;
        }

        // Warm-up: per-thread scratch and the JIT's tiers settle before counting.
        for (int i = 0; i < 300; i++) Step(network, sgd, inputs[i % Samples], targets[i % Samples]);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Step(network, sgd, inputs[i % Samples], targets[i % Samples]);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
        Assert.True(float.IsFinite(network.LossValue(targets[0])));
    }

    private static void Step(Network network, Sgd sgd, float[] x, float[] target)
    {
        network.Forward(x);
        network.Backward(target);
        sgd.Step();
    }
}
