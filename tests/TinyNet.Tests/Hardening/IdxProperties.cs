using System.Buffers.Binary;
using CsCheck;
using TinyNet.Fuzz.Hostile;
using TinyNet.Host;
using TinyNet.Host.Mnist;
using Xunit.Abstractions;

namespace TinyNet.Tests.Hardening;

/// <summary>The IDX reader against random small files and random damage, judged by the plain IDX rules.</summary>
public class IdxProperties(ITestOutputHelper output)
{
    [Fact]
    public void RandomValidFilesReadBack()
    {
        Gen.Select(IdxGen.Images, IdxGen.Labels).Sample((images, labels) =>
        {
            Assert.Equal(images[16..], IdxReader.ParseImages("i", images, out int count));
            Assert.Equal((images.Length - 16) / IdxGen.Pixels, count);
            Assert.Equal(labels[8..], IdxReader.ParseLabels("l", labels));
        }, iter: Cases.Count);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void DamagedFilesAreRefusedByNameOrStillValid(bool images)
    {
        var gen = from file in images ? IdxGen.Images : IdxGen.Labels
                  from damaged in IdxDamage.Any(file, images)
                  select damaged;
        gen.Sample(damaged =>
        {
            var verdict = IdxJudge.Judge(damaged, images);
            Assert.True(verdict.IsGood, verdict.ToString());
        }, iter: Cases.Count, print: d => $"{d.Kind}: {Convert.ToHexString(d.Bytes.AsSpan(0, Math.Min(64, d.Bytes.Length)))}");
    }

    [Theory]
    [InlineData(true, 0x7FFFFFFF)]
    [InlineData(true, 1_000_000)]
    [InlineData(false, 0x7FFFFFFF)]
    [InlineData(false, -1)]
    public void AHeaderClaimingHugeCountsOverShortDataIsRefusedBeforeAllocating(bool images, int count)
    {
        byte[] file = images ? IdxGen.ImagesFile(1, 28, 28, new byte[IdxGen.Pixels]) : IdxGen.LabelsFile(new byte[3]);
        BinaryPrimitives.WriteInt32BigEndian(file.AsSpan(4), count);
        Func<byte[]> parse = images ? () => IdxReader.ParseImages("f", file, out _) : () => IdxReader.ParseLabels("f", file);
        Assert.Throws<UserError>(parse); // warm up

        long before = GC.GetAllocatedBytesForCurrentThread();
        var e = Assert.Throws<UserError>(parse);
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        output.WriteLine($"{(images ? "images" : "labels")} claiming {count}: {allocated} bytes allocated, '{e.Message}'");
        Assert.True(allocated < 4096, $"{allocated} bytes allocated refusing a {file.Length}-byte file ('{e.Message}')");
        Assert.Contains(count < 0 ? "too large" : "truncated", e.Message);
    }

    [Fact]
    public void TheJudgeCatchesAReaderThatAcceptsTooMuch()
    {
        // The oracle refuses a label file with a 10 in it; if the reader ever took one, the judge must say so.
        byte[] bad = IdxGen.LabelsFile([1, 10]);
        Assert.Null(IdxSpec.Payload(bad, images: false));
        Assert.NotNull(IdxSpec.Payload(IdxGen.LabelsFile([1, 9]), images: false));
        Assert.Equal(Outcome.Refused, IdxJudge.Judge(new Damaged("label", bad, "outside the digits"), images: false).Outcome);
        Assert.Equal(Outcome.VagueMessage, IdxJudge.Judge(new Damaged("label", bad, "no such phrase"), images: false).Outcome);
    }
}
