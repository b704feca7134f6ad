using TinyNet.Tests.Engine;
using TinyNet.Activations;
using TinyNet.Host;
using TinyNet.Host.Models;
using TinyNet.Kernels;
using TinyNet.Losses;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Tests.Models;

/// <summary>The host's model files: a trained network saved and loaded back, and a diverged one refused.</summary>
public sealed class ModelFilesTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-models").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Network Small()
    {
        var network = Network.Create(1, [6, 4, 3], [new Tanh(), new Softmax()], new SoftmaxCrossEntropy(), true, new ScalarKernels());
        network.Initialize(5);
        return network;
    }

    [Fact]
    public void A_saved_network_loads_back_as_its_converted_model()
    {
        Network network = Small();
        string path = Path.Combine(_dir, "small.tnn");
        long bytes = ModelFiles.Save(network, "small", path);

        Model expected = ModelConvert.FromNetwork(network, "small");
        Assert.Equal(ModelFile.Write(expected), File.ReadAllBytes(path));
        Assert.Equal(bytes, new FileInfo(path).Length);
        Model loaded = ModelFiles.Load(path);
        Assert.Equal("small", loaded.Name);
        for (int l = 0; l < loaded.LayerCount; l++) Assert.Equal(network.Dense(l).Weights, loaded.Layer(l).Weights);
    }

    [Fact]
    public void A_network_with_a_weight_that_is_not_finite_is_not_written()
    {
        Network network = Small();
        network.Dense(1).Weights[2] = float.NaN;
        string path = Path.Combine(_dir, "diverged.tnn");
        var e = Assert.Throws<UserError>(() => ModelFiles.Save(network, "mnist", path));
        Assert.Equal("layer 2 has a weight that is not a finite number (NaN); lower --lr and train again; no model was written", e.Message);
        Assert.Empty(Directory.GetFiles(_dir));
    }
}
