using TinyNet.Activations;
using TinyNet.Host.Inference;
using TinyNet.Host.Kernels;
using TinyNet.Host.Mnist;
using TinyNet.Host.Training;
using TinyNet.Kernels;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Tests.Board;
using TinyNet.Tests.KernelTests;
using TinyNet.Tests.Mnist;
using TinyNet.Training;

namespace TinyNet.Tests.Inference;

/// <summary>
/// The host's fast one-at-a-time inference must answer as the shared Predictor (the board's code)
/// does: the same class for every image of the MNIST test set, scores equal to float rounding.
/// </summary>
public class VectorPredictorTests
{
    // Scores are probabilities (or activations in [-1, 1] and sums of a few dozen products):
    // different summation order, fused multiply-adds and the vector exp move them by a few ulps.
    private const float ScoreTolerance = 2e-6f;

    [Fact]
    public void SameClassAsTheBoardsPredictorOnEveryTestImage()
    {
        string? folder = TestModels.RealMnistFolder();
        MnistSet train = folder != null ? MnistData.LoadTrain(folder) : SyntheticDigits.Create(2000, 1);
        MnistSet test = folder != null ? MnistData.LoadTest(folder) : SyntheticDigits.Create(2000, 2);
        var trainer = new MnistTrainer(new MnistRecipe { Epochs = 1, Shift = 0, Limit = 6000 }, train, test);
        trainer.Train();
        Model model = ModelConvert.FromNetwork(trainer.Network, "mnist");
        var board = new Predictor(model, new ScalarKernels());
        var fast = new VectorPredictor(model);

        float worst = 0f;
        for (int n = 0; n < test.Count; n++)
        {
            int offset = n * MnistSet.PixelsPerImage;
            int expected = board.Predict(test.Pixels, offset), actual = fast.Predict(test.Pixels, offset);
            Assert.True(expected == actual, $"image {n}: the board's predictor says {expected}, VectorPredictor {actual}");
            // The class it returns is the first largest of the scores it reports.
            Assert.Equal(Network.ArgMax(fast.Scores, 0, fast.Scores.Length), actual);
            for (int j = 0; j < MnistSet.Classes; j++) worst = Math.Max(worst, Math.Abs(board.Scores[j] - fast.Scores[j]));
        }
        Assert.True(worst <= ScoreTolerance, $"scores differ by up to {worst:E2}");
    }

    [SimdFact]
    public void FirstLayerAddsInTheVectorKernelsOrder()
    {
        // One 784 → 128 tanh layer: the bias, then every nonzero pixel's fused multiply-add in
        // ascending order, as VectorKernels does, so the outputs are the same bits.
        var layer = new ModelLayer(784, 128, Activation.TanhCode, WeightType.Float32, true);
        var rng = new Prng(3);
        for (int i = 0; i < layer.Weights.Length; i++) layer.Weights[i] = rng.NextSymmetric(0.1f);
        for (int i = 0; i < layer.Biases.Length; i++) layer.Biases[i] = rng.NextSymmetric(0.1f);
        var model = new Model("one", [layer]);
        var shared = new Predictor(model, VectorKernels.Instance);
        var fast = new VectorPredictor(model);
        MnistSet digits = TestModels.TestDigits(200);
        for (int n = 0; n < 200; n++)
        {
            shared.Predict(digits.Pixels, n * MnistSet.PixelsPerImage);
            fast.Predict(digits.Pixels, n * MnistSet.PixelsPerImage);
            Assert.Equal(shared.Scores, fast.Scores);
        }
    }

    public static IEnumerable<object[]> Shapes() =>
    [
        // Layer sizes and activation codes: padded tails (not multiples of 16), blocks of 128 and
        // more, every activation, one layer only, a layer without bias (the last flag).
        [new[] { 37, 23, 19, 3 }, new[] { Activation.ReluCode, Activation.SigmoidCode, Activation.IdentityCode }, true],
        [new[] { 5, 200, 17 }, new[] { Activation.TanhCode, Activation.SoftmaxCode }, true],
        [new[] { 300, 129, 40 }, new[] { Activation.ReluCode, Activation.SoftmaxCode }, false],
        [new[] { 9, 1 }, new[] { Activation.SigmoidCode }, true],
        [new[] { 64, 256, 16 }, new[] { Activation.TanhCode, Activation.SoftmaxCode }, true],
        // The fused tanh → softmax tail (113-128 hidden neurons, at most 16 classes): padded hidden
        // neurons and classes, all 16 classes, no output bias.
        [new[] { 30, 113, 7 }, new[] { Activation.TanhCode, Activation.SoftmaxCode }, true],
        [new[] { 20, 128, 16 }, new[] { Activation.TanhCode, Activation.SoftmaxCode }, false],
    ];

    [Theory]
    [MemberData(nameof(Shapes))]
    public void AwkwardShapesGiveTheScalarReferencesScores(int[] sizes, int[] activations, bool bias)
    {
        var rng = new Prng(7);
        var layers = new ModelLayer[activations.Length];
        for (int l = 0; l < layers.Length; l++)
        {
            layers[l] = new ModelLayer(sizes[l], sizes[l + 1], activations[l], WeightType.Float32, bias || l == 0);
            for (int i = 0; i < layers[l].Weights.Length; i++) layers[l].Weights[i] = rng.NextSymmetric(0.3f);
            if (layers[l].HasBias) for (int i = 0; i < layers[l].Biases.Length; i++) layers[l].Biases[i] = rng.NextSymmetric(0.3f);
        }
        var model = new Model("awkward", layers);
        var reference = new Predictor(model, new ScalarKernels());
        var fast = new VectorPredictor(model);
        var input = new float[sizes[0]];
        for (int trial = 0; trial < 50; trial++)
        {
            // About a third of the inputs exactly zero, as skipped inputs must change nothing.
            for (int i = 0; i < input.Length; i++) input[i] = rng.NextSymmetric(1f) > 0.35f ? 0f : rng.NextSymmetric(2f);
            int expected = reference.Predict(input), actual = fast.Predict(input);
            Assert.Equal(reference.Scores.Length, fast.Scores.Length);
            for (int j = 0; j < fast.Scores.Length; j++)
                Assert.True(Math.Abs(reference.Scores[j] - fast.Scores[j]) <= 1e-5f * Math.Max(1f, Math.Abs(reference.Scores[j])), $"trial {trial}, score {j}: {reference.Scores[j]} against {fast.Scores[j]}");
            if (expected != actual)
            {
                // Only a near tie may go the other way.
                Assert.True(Math.Abs(reference.Scores[expected] - reference.Scores[actual]) < 1e-5f, $"trial {trial}: class {expected} against {actual}");
            }
        }

        // Byte inputs of this length (not a multiple of 8 or 16) from an offset, half of them zero.
        var bytes = new byte[3 + sizes[0] + 5];
        for (int trial = 0; trial < 20; trial++)
        {
            for (int i = 0; i < bytes.Length; i++) bytes[i] = rng.NextSymmetric(1f) > 0 ? (byte)0 : (byte)(1 + (int)(254 * Math.Abs(rng.NextSymmetric(1f))));
            reference.Predict(bytes, 3);
            fast.Predict(bytes, 3);
            for (int j = 0; j < fast.Scores.Length; j++)
                Assert.True(Math.Abs(reference.Scores[j] - fast.Scores[j]) <= 1e-5f * Math.Max(1f, Math.Abs(reference.Scores[j])), $"bytes, trial {trial}, score {j}: {reference.Scores[j]} against {fast.Scores[j]}");
        }
    }

    [Fact]
    public void PixelBytesFromAnOffsetMeanByteOver255()
    {
        Model model = TestModels.Float(24);
        var fast = new VectorPredictor(model);
        var reference = new Predictor(model, new ScalarKernels());
        MnistSet digits = SyntheticDigits.Create(3, 4);
        var input = new float[784];
        for (int n = 0; n < 3; n++)
        {
            for (int i = 0; i < 784; i++) input[i] = digits.Pixels[n * 784 + i] * Predictor.PixelScale;
            int fromFloats = fast.Predict(input);
            float[] scores = (float[])fast.Scores.Clone();
            Assert.Equal(fromFloats, fast.Predict(digits.Pixels, n * 784));
            Assert.Equal(scores, fast.Scores);
            Assert.Equal(reference.Predict(digits.Pixels, n * 784), fromFloats);
        }
    }

    [Fact]
    public void InputsPastTheEndAreRefused()
    {
        var fast = new VectorPredictor(TestModels.Float(8));
        Assert.Throws<ArgumentOutOfRangeException>(() => fast.Predict(new byte[784 * 2], 785));
        Assert.Throws<ArgumentOutOfRangeException>(() => fast.Predict(new byte[784], -1));
        Assert.Throws<ArgumentException>(() => fast.Predict(new float[783]));
    }

    [Fact]
    public void Int8ModelsAreLeftToTheSharedPredictor()
    {
        Model int8 = TestModels.Int8(16);
        Assert.False(VectorPredictor.CanRun(int8));
        Assert.True(VectorPredictor.CanRun(TestModels.Float(16)));
        var e = Assert.Throws<ArgumentException>(() => new VectorPredictor(int8));
        Assert.Contains("use Predictor", e.Message);
    }
}
