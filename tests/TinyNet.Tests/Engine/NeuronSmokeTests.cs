using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

public class NeuronSmokeTests
{
    [Fact]
    public void OneStepOfTheYEquals2XNeuronMovesWFrom0_5To0_98()
    {
        var layer = new DenseLayer(1, 1, 1, new Identity(), hasBias: false, new ScalarKernels());
        var net = new Network(new[] { layer }, new SquaredError());
        layer.Weights[0] = 0.5f;
        var sgd = new Sgd(net, 0.01f, new ScalarKernels());
        net.Forward(new[] { 4f });
        Assert.Equal(36f, net.LossValue(new[] { 8f }));
        net.Backward(new[] { 8f });
        Assert.Equal(-48f, layer.WeightGradients[0]);
        sgd.Step();
        Assert.Equal(0.98f, layer.Weights[0], 6);
    }
}
