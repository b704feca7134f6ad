using TinyNet.Activations;
using TinyNet.Board;
using TinyNet.Layers;
using TinyNet.Models;

namespace TinyNet.Tests.Board;

public sealed class ModelFitTests
{
    [Fact]
    public void Heap_figures_come_from_the_layer_size_functions()
    {
        Model model = TestModels.Int8(128);
        long layers = DenseLayer.InferenceBytes(784, 128, 1, WeightType.Int8, true) + DenseLayer.InferenceBytes(128, 10, 1, WeightType.Int8, true);
        // An int8 first layer keeps 128 int32 sums instead of a float copy of the 784 pixels; streamed keeps both.
        // No PREDICT_VALUES buffer: 784 floats never fit one frame, so the board keeps none.
        long prepared = 0;
        Assert.Equal(prepared, LoadedModel.PreparedBytes(model));
        Assert.Equal(4 * 128 + layers + prepared, ModelFit.InRamHeapBytes(model));
        Assert.Equal(4 * 784 + 4 * 128 + layers - 784 * 128 - 128 * 10 + StreamedPredictor.BlockBytes + prepared, ModelFit.StreamedHeapBytes(model));
        Assert.Equal(Predictor.RequiredRamBytes(model) + prepared, ModelFit.InRamHeapBytes(model));
    }

    [Fact]
    public void A_model_whose_inputs_fit_one_predict_values_frame_keeps_a_float_buffer_for_them()
    {
        Model fits = new("fits", [new ModelLayer(TinyNet.Link.LinkProtocol.MaxValues, 3, Activation.SoftmaxCode, WeightType.Float32, true)]);
        Model wider = new("wider", [new ModelLayer(TinyNet.Link.LinkProtocol.MaxValues + 1, 3, Activation.SoftmaxCode, WeightType.Float32, true)]);
        Assert.Equal(4L * TinyNet.Link.LinkProtocol.MaxValues, LoadedModel.PreparedBytes(fits));
        Assert.Equal(0, LoadedModel.PreparedBytes(wider));
    }

    [Fact]
    public void Class_names_count_in_the_heap_a_model_needs()
    {
        Model plain = TestModels.Int8(16);
        string[] names = Enumerable.Range(0, 10).Select(i => "digit " + i).ToArray(); // 7 characters each
        Model named = new(plain.Name, Enumerable.Range(0, plain.LayerCount).Select(plain.Layer).ToArray(), names);
        // Each name is kept twice: the string, and the ASCII bytes a PREDICTION reply sends.
        Assert.Equal(2 * 70, LoadedModel.PreparedBytes(named) - LoadedModel.PreparedBytes(plain));
        Assert.Equal(2 * 70, ModelFit.InRamHeapBytes(named) - ModelFit.InRamHeapBytes(plain));
        Assert.Equal(2 * 70, ModelFit.StreamedHeapBytes(named) - ModelFit.StreamedHeapBytes(plain));
    }

    [Theory]
    [InlineData("esp32", 38, "in RAM")]
    [InlineData("esp32", 128, "streamed")]
    [InlineData("esp32", 256, "streamed")]
    [InlineData("esp32-s3", 128, "in RAM")]
    [InlineData("esp32-psram", 256, "in RAM")]
    public void Int8_MNIST_models_run_in_RAM_or_streamed_as_the_heap_allows(string profile, int hidden, string mode)
    {
        Model model = TestModels.Int8(hidden);
        var fit = ModelFit.Of(model, ModelFile.FileBytes(model), BoardProfile.FromName(profile)!);
        Assert.Equal(mode, fit.Mode);
    }

    [Fact]
    public void The_default_int8_model_fits_the_esp32_and_its_float_original_does_not()
    {
        var int8 = ModelFit.Of(TestModels.Int8(128), ModelFile.FileBytes(TestModels.Int8(128)), BoardProfile.Esp32);
        Assert.True(int8.Fits, int8.Verdict());
        var float32 = ModelFit.Of(TestModels.Float(128), ModelFile.FileBytes(TestModels.Float(128)), BoardProfile.Esp32);
        Assert.False(float32.FitsFlash);
        Assert.False(float32.Runs);
        Assert.StartsWith("does not fit esp32: flash: ", float32.Verdict());
    }

    [Fact]
    public void A_board_loads_the_default_int8_model_streamed_on_the_esp32_and_in_RAM_on_the_s3()
    {
        byte[] file = ModelFile.Write(TestModels.Int8(128));
        var store = new MemoryModelStore(file.Length);
        store.SetActive(file, file.Length);
        var esp32 = new LoadedModel(store, new ChunkedModelReader(256), BoardProfile.Esp32);
        esp32.Load();
        Assert.True(esp32.Streamed, esp32.Status);
        Assert.Null(esp32.Model!.Layer(0).QuantizedWeights);
        var s3 = new LoadedModel(store, new ChunkedModelReader(256), BoardProfile.Esp32S3);
        s3.Load();
        Assert.False(s3.Streamed);
        Assert.NotNull(s3.Model!.Layer(0).QuantizedWeights);
    }
}
