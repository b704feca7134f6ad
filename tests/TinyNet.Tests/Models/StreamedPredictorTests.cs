using TinyNet.Board;
using TinyNet.Host.Mnist;
using TinyNet.Kernels;
using TinyNet.Models;
using TinyNet.Tests.Board;

namespace TinyNet.Tests.Models;

public sealed class StreamedPredictorTests
{
    private static (Model Streamed, StoreFile File) LoadStreamed(Model model)
    {
        byte[] file = ModelFile.Write(model);
        var store = new MemoryModelStore(file.Length);
        store.SetActive(file, file.Length);
        var activeFile = new StoreFile(store, false);
        var reader = new ChunkedModelReader(256);
        Assert.Null(reader.Read(activeFile, file.Length, LoadMode.StreamInt8Weights));
        return (reader.TakeModel(), activeFile);
    }

    [Theory]
    [InlineData(128)]
    [InlineData(38)]
    public void Streamed_and_in_RAM_give_the_same_class_and_every_score_bit_over_1000_digits(int hidden)
    {
        Model model = TestModels.Int8(hidden);
        var (streamedModel, file) = LoadStreamed(model);
        Assert.Null(streamedModel.Layer(0).QuantizedWeights);   // the weights really stay in the store
        var streamed = new StreamedPredictor(streamedModel, file, new ScalarKernels());
        var inRam = new Predictor(model, new ScalarKernels());
        MnistSet digits = TestModels.TestDigits(1000);
        Assert.True(digits.Count >= 1000);
        for (int n = 0; n < 1000; n++)
        {
            int offset = n * MnistSet.PixelsPerImage;
            Assert.Equal(inRam.Predict(digits.Pixels, offset), streamed.Predict(digits.Pixels, offset));
            for (int j = 0; j < 10; j++)
                Assert.Equal(BitConverter.SingleToInt32Bits(inRam.Scores[j]), BitConverter.SingleToInt32Bits(streamed.Scores[j]));
        }
    }

    [Fact]
    public void A_streamed_prediction_allocates_nothing_after_warm_up()
    {
        var (streamedModel, file) = LoadStreamed(TestModels.Int8(128));
        var streamed = new StreamedPredictor(streamedModel, file, new ScalarKernels());
        MnistSet digits = TestModels.TestDigits(100);
        streamed.Predict(digits.Pixels, 0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int n = 0; n < 50; n++)
            streamed.Predict(digits.Pixels, n * MnistSet.PixelsPerImage);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void A_store_that_ends_early_is_an_error_not_a_wrong_answer()
    {
        Model model = TestModels.Int8(16);
        byte[] file = ModelFile.Write(model);
        var (streamedModel, _) = LoadStreamed(model);
        var shortStore = new MemoryModelStore(file.Length);
        shortStore.SetActive(file, 200);
        var streamed = new StreamedPredictor(streamedModel, new StoreFile(shortStore, false), new ScalarKernels());
        var pixels = Enumerable.Repeat((byte)255, 784).ToArray();
        var e = Assert.Throws<InvalidOperationException>(() => streamed.Predict(pixels, 0));
        Assert.Contains("the stored model ended", e.Message);
    }

    [Fact]
    public void The_in_RAM_predictor_refuses_a_model_whose_weights_stayed_in_the_file()
    {
        var (streamedModel, _) = LoadStreamed(TestModels.Int8(16));
        var e = Assert.Throws<ArgumentException>(() => new Predictor(streamedModel, new ScalarKernels()));
        Assert.Contains("StreamedPredictor", e.Message);
    }
}
