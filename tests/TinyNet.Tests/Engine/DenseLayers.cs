using TinyNet.Layers;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

/// <summary>Tests read dense specifics (weights, gradients) of networks built with <see cref="Network.Create"/>.</summary>
public static class DenseLayers
{
    /// <summary>The i-th layer as the dense layer it is.</summary>
    public static DenseLayer Dense(this Network network, int i) => (DenseLayer)network.Layer(i);
}
