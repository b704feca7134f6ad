using TinyNet.Activations;
using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Tests.Link;

namespace TinyNet.Tests.Models;

/// <summary>
/// One set of value rules (ModelRules): a value the writer refuses to write is refused by the reader
/// with the same words when it turns up in a file, and the other way round.
/// </summary>
public class ModelRulesTests
{
    // TestModels.Mnist("rules", ...) with hidden 4: layer 1 int8 (784 × 4, scales, biases), layer 2 float32 (4 × 10, biases).
    private const int Hidden = 4;
    private const int HeaderBytes = 9 + 5 + 2 + 2 * 12;
    private const int Layer1Weights = HeaderBytes;
    private const int Layer1Scales = Layer1Weights + 784 * Hidden;
    private const int Layer1Biases = Layer1Scales + 4 * Hidden;
    private const int Layer2Weights = Layer1Biases + 4 * Hidden;
    private const int Layer2Biases = Layer2Weights + 4 * Hidden * 10;

    public static TheoryData<string> BadValues() => new()
    {
        "int8 -128", "zero scale", "negative scale", "NaN scale", "infinite scale",
        "NaN weight", "infinite weight", "NaN bias", "-infinite bias", "NaN int8 bias",
    };

    [Theory]
    [MemberData(nameof(BadValues))]
    public void Writer_and_reader_refuse_a_bad_value_with_the_same_words(string bad)
    {
        Model model = TestModels.Mnist("rules", 3, Hidden);
        byte[] file = ModelFile.Write(model);
        ModelLayer first = model.Layer(0), second = model.Layer(1);
        switch (bad)
        {
            case "int8 -128": first.QuantizedWeights[17] = -128; file[Layer1Weights + 17] = 0x80; break;
            case "zero scale": Plant(first.Scales, 2, 0f, file, Layer1Scales); break;
            case "negative scale": Plant(first.Scales, 1, -0.5f, file, Layer1Scales); break;
            case "NaN scale": Plant(first.Scales, 3, float.NaN, file, Layer1Scales); break;
            case "infinite scale": Plant(first.Scales, 0, float.PositiveInfinity, file, Layer1Scales); break;
            case "NaN weight": Plant(second.Weights, 7, float.NaN, file, Layer2Weights); break;
            case "infinite weight": Plant(second.Weights, 39, float.NegativeInfinity, file, Layer2Weights); break;
            case "NaN bias": Plant(second.Biases, 9, float.NaN, file, Layer2Biases); break;
            case "-infinite bias": Plant(second.Biases, 0, float.NegativeInfinity, file, Layer2Biases); break;
            case "NaN int8 bias": Plant(first.Biases, 2, float.NaN, file, Layer1Biases); break;
        }
        TestModels.FixCrc(file);

        string? written = ModelFile.Check(model);
        Assert.NotNull(written);
        Assert.Equal(written, ModelFile.Validate(file, file.Length));
        Assert.Equal(written, ModelFile.Read(file, file.Length).Error);
        Assert.Equal("refusing to write the model: " + written, Assert.Throws<ArgumentException>(() => ModelFile.Write(model)).Message);
    }

    [Fact]
    public void Every_good_edge_value_is_written_and_read_back()
    {
        Model model = TestModels.Mnist("edges", 6, Hidden);
        model.Layer(0).QuantizedWeights[0] = -127;
        model.Layer(0).QuantizedWeights[1] = 127;
        model.Layer(0).Scales[0] = float.Epsilon;
        model.Layer(0).Scales[1] = float.MaxValue;
        model.Layer(1).Weights[0] = float.MinValue;
        model.Layer(1).Biases[0] = -0f;
        Assert.Null(ModelFile.Check(model));
        byte[] file = ModelFile.Write(model);
        var read = ModelFile.Read(file, file.Length);
        Assert.Null(read.Error);
        Assert.Equal(file, ModelFile.Write(read.Model!));
    }

    [Fact]
    public void Shape_rules_are_the_ones_the_reader_applies_to_a_layer_table()
    {
        // The in-memory types refuse what the reader refuses, with the same words after "layer N ".
        Assert.Equal("has unknown activation code 77", ModelRules.CheckShape(3, 2, 77, WeightType.Float32));
        Assert.Equal("has unknown weight type 5", ModelRules.CheckShape(3, 2, Activation.TanhCode, 5));
        Assert.Equal("has 0 inputs", ModelRules.CheckShape(0, 2, Activation.TanhCode, WeightType.Float32));
        Assert.Equal("has 65536 neurons; the limit is 65535", ModelRules.CheckStoredWidth(65536, "neurons"));
        Assert.Null(ModelRules.CheckStoredWidth(65535, "inputs"));
        Assert.Equal("a layer has unknown activation code 77",
            Assert.Throws<ArgumentException>(() => new ModelLayer(3, 2, 77, WeightType.Float32, true)).Message);

        byte[] file = ModelFile.Write(TestModels.Mnist("shape", 1, Hidden));
        file[9 + 5 + 2 + 8] = 77; // layer 1's activation code
        TestModels.FixCrc(file);
        Assert.Equal("layer 1 " + ModelRules.CheckShape(784, Hidden, 77, WeightType.Int8), ModelFile.Validate(file, file.Length));

        Assert.Equal("the model has 17 layers; the limit is 16", ModelRules.CheckLayerCount(17));
        Assert.Equal("a model needs at least one layer", ModelRules.CheckLayerCount(0));
        Assert.Equal("has has-bias byte 2 (must be 0 or 1)", ModelRules.CheckEntryFlags(2, 0));
        Assert.Equal("has reserved byte 1 (must be 0)", ModelRules.CheckEntryFlags(1, 1));
    }

    private static void Plant(float[] values, int index, float value, byte[] file, int sectionAt)
    {
        values[index] = value;
        BitConverter.GetBytes(value).CopyTo(file, sectionAt + 4 * index);
    }
}
