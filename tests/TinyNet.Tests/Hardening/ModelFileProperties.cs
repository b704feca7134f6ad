using System.Buffers.Binary;
using CsCheck;
using TinyNet.Activations;
using TinyNet.Fuzz.Hostile;
using TinyNet.Layers;
using TinyNet.Models;
using Xunit.Abstractions;

namespace TinyNet.Tests.Hardening;

/// <summary>
/// The model file reader against random valid models and random damage. tools/figures.sh runs the
/// same generators and judge 100,000 times; here a moderate count keeps CI fast.
/// </summary>
public class ModelFileProperties(ITestOutputHelper output)
{
    [Fact]
    public void RandomValidModelsRoundTripBitExactly()
    {
        ModelGen.Model.Sample(model =>
        {
            byte[] file = ModelFile.Write(model);
            Assert.Equal(ModelFile.FileBytes(model), file.Length);
            var read = ModelFile.Read(file, file.Length);
            Assert.Null(read.Error);
            Assert.Null(ModelFile.Validate(file, file.Length));
            AssertSameBits(model, read.Model!);
            Assert.Equal(file, ModelFile.Write(read.Model!));
        }, iter: Cases.Count);
    }

    [Fact]
    public void ChunkedReadingAgreesWithWholeReading()
    {
        // The board feeds the reader upload chunks of whatever size arrived; the verdict must not depend on them.
        var gen = from file in ModelGen.File
                  from damaged in Gen.Frequency((1, Gen.Const(new Damaged("none", file))), (3, ModelDamage.Any(file)))
                  from cuts in Gen.Int[1, 64].Array[1, 40]
                  select (damaged.Bytes, cuts);
        gen.Sample((bytes, cuts) =>
        {
            string? whole = ModelFile.Validate(bytes, bytes.Length);
            var reader = new ModelReader(bytes.Length, false);
            int at = 0, c = 0;
            while (at < bytes.Length)
            {
                int n = Math.Min(cuts[c++ % cuts.Length], bytes.Length - at);
                reader.Feed(bytes, at, n);
                at += n;
            }
            Assert.Equal(whole, reader.Finish());
        }, iter: Cases.Count);
    }

    [Fact]
    public void DamagedFilesAreRefusedWithASpecificMessage()
    {
        var gen = from file in ModelGen.File
                  from damaged in ModelDamage.Any(file)
                  select (file, damaged);
        gen.Sample((file, damaged) =>
        {
            var verdict = ModelJudge.Judge(file, damaged);
            Assert.True(verdict.Outcome == Outcome.Refused, verdict.ToString());
        }, iter: Cases.Count, print: t => $"{t.Item2.Kind}: {Convert.ToHexString(t.Item2.Bytes)}");
    }

    [Fact]
    public void EveryPlantedFaultKindIsRefusedByName()
    {
        // Each planted kind at least once on a two-layer mixed model, so a kind cannot hide behind the random mix.
        byte[] file = ModelFile.Write(TwoLayerModel());
        var layout = new ModelLayout(file);
        var seen = new Dictionary<string, int>();
        ModelDamage.Planted(file, layout).Sample(damaged =>
        {
            var verdict = ModelJudge.Judge(file, damaged);
            Assert.True(verdict.Outcome == Outcome.Refused, verdict.ToString());
            lock (seen) seen[damaged.Kind] = seen.GetValueOrDefault(damaged.Kind) + 1;
        }, iter: Cases.Count);
        Assert.Equal(20, seen.Count); // 19 in the layers and header, and class names flagged but absent
    }

    [Fact]
    public void EveryPlantedFaultInTheClassNamesIsRefusedByName()
    {
        // The same two-layer model with named classes: the names section's own faults on top of the others.
        byte[] file = ModelFile.Write(TwoLayerModel(["idle", "wave"]));
        var layout = new ModelLayout(file);
        var seen = new Dictionary<string, int>();
        ModelDamage.Planted(file, layout).Sample(damaged =>
        {
            var verdict = ModelJudge.Judge(file, damaged);
            Assert.True(verdict.Outcome == Outcome.Refused, verdict.ToString());
            lock (seen) seen[damaged.Kind] = seen.GetValueOrDefault(damaged.Kind) + 1;
        }, iter: Cases.Count);
        Assert.Equal(
            ["class count differs from outputs", "class name length out of range", "class names run into the CRC",
             "duplicate class names", "names not flagged", "unprintable class name"],
            seen.Keys.Where(k => k.Contains("class") || k.Contains("names")).Order().ToArray());
        Assert.Equal(25, seen.Count);
    }

    [Theory]
    [InlineData(0xFFFFFFFFu, 0xFFFFFFFFu)] // "4 billion × 4 billion": over the width cap
    [InlineData(4096u, 4096u)]             // at the 16 Mi-weight cap: 64 MB of float32 declared
    [InlineData(65535u, 256u)]             // just under the weight cap with the widest input
    public void ATinyFileClaimingHugeWeightsAllocatesNothingBig(uint inputs, uint neurons)
    {
        // 9-byte fixed header + empty name + layer count + one 12-byte entry + CRC = 27 bytes.
        var file = new byte[27];
        "TNN1"u8.CopyTo(file);
        file[4] = 1;
        file[9] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(11), inputs);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(15), neurons);
        ModelLayout.FixCrc(file);
        ModelFile.Read(file, file.Length); // warm up: JIT and static constructors allocate once

        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = ModelFile.Read(file, file.Length);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(result.Error);
        if (inputs > ModelFormat.MaxLayerWidth) Assert.Contains($"has {inputs} inputs", result.Error); // as stored, not clamped
        output.WriteLine($"{inputs}×{neurons} in a 27-byte file: {allocated} bytes allocated, '{result.Error}'");
        Assert.True(allocated < 4096, $"{allocated} bytes allocated refusing a 27-byte file ('{result.Error}')");
    }

    [Fact]
    public void ATwentyByteFileAllocatesNothingBig()
    {
        byte[] file = ModelFile.Write(TwoLayerModel()).AsSpan(0, 20).ToArray();
        ModelFile.Read(file, file.Length);
        long before = GC.GetAllocatedBytesForCurrentThread();
        var result = ModelFile.Read(file, file.Length);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Contains("truncated", result.Error);
        output.WriteLine($"20-byte file: {allocated} bytes allocated, '{result.Error}'");
        Assert.True(allocated < 4096, $"{allocated} bytes allocated");
    }

    internal static Model TwoLayerModel(string[]? classNames = null)
    {
        var hidden = new ModelLayer(3, 2, Activation.TanhCode, WeightType.Int8, true);
        hidden.QuantizedWeights[0] = 5; hidden.QuantizedWeights[5] = -127;
        hidden.Scales[0] = 0.5f; hidden.Scales[1] = 0.25f;
        hidden.Biases[1] = -1.5f;
        var output = new ModelLayer(2, 2, Activation.SoftmaxCode, WeightType.Float32, true);
        output.Weights[0] = 1.25f; output.Weights[3] = -3f;
        return new Model("two", new[] { hidden, output }, classNames);
    }

    private static void AssertSameBits(Model expected, Model actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.ClassNames, actual.ClassNames);
        Assert.Equal(expected.LayerCount, actual.LayerCount);
        for (int i = 0; i < expected.LayerCount; i++)
        {
            ModelLayer e = expected.Layer(i), a = actual.Layer(i);
            Assert.Equal((e.Inputs, e.Neurons, e.ActivationCode, e.WeightType, e.HasBias), (a.Inputs, a.Neurons, a.ActivationCode, a.WeightType, a.HasBias));
            Assert.Equal(Bits(e.Weights), Bits(a.Weights));
            Assert.Equal(Bits(e.Scales), Bits(a.Scales));
            Assert.Equal(Bits(e.Biases), Bits(a.Biases));
            Assert.Equal(e.QuantizedWeights, a.QuantizedWeights);
        }
    }

    private static uint[]? Bits(float[]? values) => values?.Select(BitConverter.SingleToUInt32Bits).ToArray();
}

/// <summary>The model judge itself: it must call an acceptance of anything but a refusal.</summary>
public class ModelJudgeTests
{
    [Fact]
    public void AcceptingAnUnchangedFileCountsAsWrongAcceptance()
    {
        byte[] file = ModelFile.Write(ModelFileProperties.TwoLayerModel());
        Assert.Equal(Outcome.WrongAcceptance, ModelJudge.Judge(file, new Damaged("none", file)).Outcome);
    }

    [Fact]
    public void ARefusalMissingThePlantedPhraseIsVague()
    {
        byte[] file = ModelFile.Write(ModelFileProperties.TwoLayerModel());
        byte[] cut = file[..^1];
        Assert.Equal(Outcome.Refused, ModelJudge.Judge(file, new Damaged("cut", cut, "truncated")).Outcome);
        Assert.Equal(Outcome.VagueMessage, ModelJudge.Judge(file, new Damaged("cut", cut, "NaN")).Outcome);
    }
}
