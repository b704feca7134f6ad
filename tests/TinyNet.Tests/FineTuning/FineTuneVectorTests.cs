using TinyNet.FineTuning;
using TinyNet.Kernels;
using TinyNet.Tests.Vectors;

namespace TinyNet.Tests.FineTuning;

/// <summary>The host engine reproduces the fine-tuning vectors the device test checks (tests/Vectors/FineTuneVectors.cs).</summary>
public sealed class FineTuneVectorTests
{
    public static OutputLayerTuner Run()
    {
        var tuner = new OutputLayerTuner(FineTuneVectors.Model(), 2, new ScalarKernels());
        byte[] pixels = FineTuneVectors.Pixels();
        for (int n = 0; n < FineTuneVectors.Steps; n++)
            tuner.Train(pixels, n * FineTuneVectors.Inputs, FineTuneVectors.Label(n), FineTuneVectors.LearningRate);
        return tuner;
    }

    [Fact]
    public void The_host_engine_gives_the_vectors_weights()
    {
        OutputLayerTuner tuner = Run();
        Assert.Equal(FineTuneVectors.Hidden * FineTuneVectors.Classes, FineTuneVectors.ExpectedWeights.Length);
        for (int i = 0; i < FineTuneVectors.ExpectedWeights.Length; i++)
            Assert.Equal(FineTuneVectors.ExpectedWeights[i], tuner.OutputLayer.Weights[i], 1e-6f);
        for (int j = 0; j < FineTuneVectors.Classes; j++)
            Assert.Equal(FineTuneVectors.ExpectedBiases[j], tuner.OutputLayer.Biases[j], 1e-6f);
    }
}
