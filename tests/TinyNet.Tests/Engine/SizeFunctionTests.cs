using TinyNet.Activations;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Tests.Engine;

/// <summary>
/// The size functions (what inspect and the board will use instead of catching
/// OutOfMemoryException) against what construction really allocates.
/// </summary>
/// <remarks>
/// The functions count buffer contents, what grows with the shape. Measured allocations also hold
/// each object's header, each array's length and the layer objects' own fields (about 600 bytes a
/// layer on 64-bit .NET, measured; less on the device), so a measurement may exceed the figure by at
/// most <see cref="SlackPerLayer"/> per layer — and never fall short of it.
/// </remarks>
public class SizeFunctionTests
{
    private const int SlackPerLayer = 1024;
    private static readonly ScalarKernels Kernels = new();
    private static readonly Activation Tanh = ActivationCatalog.FromName("tanh");

    private static long Measure(Action build)
    {
        build();   // the first run loads types and fills static tables; count the second
        long before = GC.GetAllocatedBytesForCurrentThread();
        build();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static void Within(long figure, long measured, int layers, string what)
    {
        Assert.True(measured >= figure, $"{what}: the figure {figure} B is more than the {measured} B allocated");
        Assert.True(measured <= figure + layers * SlackPerLayer, $"{what}: {measured} B allocated, the figure says {figure} B (+ {layers} × {SlackPerLayer} B of headers)");
    }

    [Theory]
    [InlineData(784, 128, 1)]
    [InlineData(784, 128, 32)]
    [InlineData(128, 10, 32)]
    [InlineData(3, 2, 1)]
    [InlineData(1, 1, 1)]
    public void Dense_training_bytes_are_what_the_constructor_allocates(int inputs, int neurons, int batch)
    {
        long measured = Measure(() => new DenseLayer(inputs, neurons, batch, Tanh, true, Kernels));
        Within(DenseLayer.TrainingBytes(inputs, neurons, batch), measured, 1, $"{inputs}→{neurons} batch {batch}");
        Assert.Equal(DenseLayer.TrainingBytes(inputs, neurons, batch), new DenseLayer(inputs, neurons, batch, Tanh, false, Kernels).TrainingBytes());
    }

    [Fact]
    public void Network_training_bytes_are_what_building_it_allocates()
    {
        int[] sizes = [784, 128, 10];
        Activation[] activations = [Tanh, ActivationCatalog.FromName("softmax")];
        Loss loss = new SoftmaxCrossEntropy();
        long measured = Measure(() => Network.Create(32, sizes, activations, loss, true, Kernels));
        Network network = Network.Create(32, sizes, activations, loss, true, Kernels);
        long figure = DenseLayer.TrainingBytes(784, 128, 32) + DenseLayer.TrainingBytes(128, 10, 32) + 4 * 32 * 10;
        Assert.Equal(figure, network.TrainingBytes());
        Within(figure, measured, 2, "784-128-10 batch 32");
    }

    [Theory]
    [InlineData(784, 128, WeightType.Float32, true)]
    [InlineData(784, 128, WeightType.Int8, true)]
    [InlineData(128, 10, WeightType.Int8, false)]
    [InlineData(3, 2, WeightType.Float32, false)]
    public void Dense_inference_bytes_are_what_a_stored_layer_and_its_predictor_allocate(int inputs, int neurons, int weightType, bool hasBias)
    {
        // The board's inference: the stored layer's parameters, then the predictor's Z and Y.
        Model model = null!;
        long parameters = Measure(() => model = new Model("size", [new ModelLayer(inputs, neurons, Activation.TanhCode, weightType, hasBias)]));
        long predictor = Measure(() => new Predictor(model, Kernels));
        // The predictor's own input buffer, not the layer's: a float copy of the input, or for an int8
        // first layer (which reads the input bytes directly) its int32 sums.
        long inputBuffer = weightType == WeightType.Int8 ? 4L * neurons : 4L * inputs;
        int figure = DenseLayer.InferenceBytes(inputs, neurons, 1, weightType, hasBias);
        Within(figure, parameters + predictor - inputBuffer, 1, $"{inputs}→{neurons} {WeightType.Name(weightType)}");
    }

    [Fact]
    public void Inference_needs_less_than_training_and_int8_less_than_float()
    {
        Assert.True(DenseLayer.InferenceBytes(784, 128, 1, WeightType.Float32, true) < DenseLayer.TrainingBytes(784, 128, 1));
        Assert.True(DenseLayer.InferenceBytes(784, 128, 1, WeightType.Int8, true) < DenseLayer.InferenceBytes(784, 128, 1, WeightType.Float32, true));
        var layer = new DenseLayer(784, 128, 4, Tanh, true, Kernels);
        Assert.Equal(DenseLayer.InferenceBytes(784, 128, 4, WeightType.Float32, true), layer.InferenceBytes());
    }
}
