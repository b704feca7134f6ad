using TinyNet.Activations;
using TinyNet.Host.Evaluation;
using TinyNet.Host.Mnist;
using TinyNet.Host.Training;
using TinyNet.Host;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Tests.Mnist;
using TinyNet.Training;

namespace TinyNet.Tests.Evaluation;

public class MnistEvaluatorTests
{
    private static (MnistTrainer Trainer, MnistSet Test) Trained()
    {
        MnistSet test = SyntheticDigits.Create(400, 2);
        var trainer = new MnistTrainer(new MnistRecipe { Hidden = 16, Epochs = 2, BatchSize = 8, LearningRate = 0.2f, Shift = 0 }, SyntheticDigits.Create(1000, 1), test);
        trainer.Train();
        return (trainer, test);
    }

    private static Model ToModel(Network network, bool int8)
    {
        Model model = ModelConvert.FromNetwork(network, "test");
        return int8 ? Quantizer.Quantize(model) : model;
    }

    [Fact]
    public void FloatModelScoresExactlyWhatTheTrainerMeasured()
    {
        var (trainer, test) = Trained();
        var confusion = new int[100];
        double expected = trainer.TestAccuracy(confusion);

        ClassEvaluation result = MnistEvaluator.Evaluate(ToModel(trainer.Network, int8: false), test);

        Assert.Equal(expected, result.Accuracy);
        Assert.Equal(confusion, result.Confusion);
        Assert.Equal(400, result.Count);
        Assert.Equal(400, Enumerable.Range(0, 10).Sum(result.ClassCount));
        Assert.Equal(expected, MnistEvaluator.Accuracy(ToModel(trainer.Network, int8: false), test));
    }

    [Fact]
    public void Int8ModelScoresCloseToTheFloatOne()
    {
        var (trainer, test) = Trained();
        double float32 = trainer.TestAccuracy();
        double int8 = MnistEvaluator.Accuracy(ToModel(trainer.Network, int8: true), test);
        Assert.True(float32 > 0.9, $"float accuracy {float32:P1}");
        Assert.InRange(int8, float32 - 0.02, float32 + 0.02);
    }

    [Fact]
    public void ModelOfTheWrongShapeIsRefused()
    {
        var layer = new ModelLayer(2, 1, Activation.IdentityCode, WeightType.Float32, true);
        var e = Assert.Throws<UserError>(() => MnistEvaluator.Evaluate(new Model("neuron", new[] { layer }), SyntheticDigits.Create(5, 1)));
        Assert.Equal("the model takes 2 inputs and gives 1 outputs; an MNIST model needs 784 and 10", e.Message);
    }
}
