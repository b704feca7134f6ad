using TinyNet.Board;
using TinyNet.Link;
using TinyNet.Numerics;
using Xunit.Abstractions;

namespace TinyNet.Tests.Link;

public class ReliabilityTests
{
    private readonly ITestOutputHelper _out;

    public ReliabilityTests(ITestOutputHelper output)
    {
        _out = output;
    }

    [Theory]
    [InlineData(1u, 0.01 / 3)]  // 1 % of bytes hit: a third dropped, a third flipped, a third doubled
    [InlineData(2u, 0.01 / 3)]
    [InlineData(3u, 0.01 / 3)]
    [InlineData(4u, 0.01)]      // 1 % each: 3 % of bytes hit
    public void AnUploadCompletesOverAFaultyLineInBothDirections(uint seed, double rate)
    {
        using var rig = new LinkRig(seed: seed);
        rig.HostEnd.FaultRate = rate;
        rig.BoardEnd.FaultRate = rate;
        rig.Client.MaxAttempts = 40;
        byte[] file = TestModels.MnistFile("noisy", seed);
        UploadResult result = rig.Client.Upload(file, file.Length, null);

        BoardInfo info = rig.Client.Hello();
        Assert.Equal("noisy", info.ModelName);
        Assert.Equal(LinkClient.ModelCrcOf(file, file.Length), info.ModelCrc);
        int faults = rig.HostEnd.Dropped + rig.HostEnd.Corrupted + rig.HostEnd.Duplicated
            + rig.BoardEnd.Dropped + rig.BoardEnd.Corrupted + rig.BoardEnd.Duplicated;
        Assert.True(faults > 0);
        Assert.True(rig.Client.Retries > 0);
        _out.WriteLine($"seed {seed}, rate {rate:P2} per fault kind: {file.Length} bytes in {result.Chunks} chunks, "
            + $"{faults} byte faults, {rig.Client.Retries} retries, board dropped {rig.Session.DroppedFrames} frames, "
            + $"answered {rig.Session.Repeats} repeats from cache, host bytes {rig.HostEnd.BytesWritten}");
    }

    [Fact]
    public void AnUploadCompletesOverAFaultyLineWithTheBoardOnItsOwnThread()
    {
        using var rig = new LinkRig(threaded: true, seed: 7);
        rig.HostEnd.FaultRate = 0.01 / 3;
        rig.BoardEnd.FaultRate = 0.01 / 3;
        rig.Client.TimeoutMilliseconds = 40;
        rig.Client.MaxAttempts = 40;
        byte[] file = TestModels.MnistFile("threaded", 7, hidden: 2);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        rig.Client.Upload(file, file.Length, null);
        Assert.Equal("threaded", rig.Client.Hello().ModelName);
        _out.WriteLine($"threaded: {file.Length} bytes, {rig.Client.Retries} retries, {watch.ElapsedMilliseconds} ms");
    }

    [Fact]
    public void CuttingTheCableOrThePowerAnywhereLeavesALoadableModel()
    {
        byte[] oldFile = TestModels.MnistFile("old-model", 1);
        byte[] newFile = TestModels.MnistFile("new-model", 2);
        uint oldCrc = LinkClient.ModelCrcOf(oldFile, oldFile.Length);
        uint newCrc = LinkClient.ModelCrcOf(newFile, newFile.Length);
        Assert.NotEqual(oldCrc, newCrc);

        // A clean run measures how many bytes the host sends and how many write steps the store takes.
        long hostBytes, storeSteps;
        {
            var store = new MemoryModelStore(64 * 1024);
            store.SetActive(oldFile, oldFile.Length);
            using var rig = new LinkRig(store);
            rig.Client.Upload(newFile, newFile.Length, null);
            hostBytes = rig.HostEnd.BytesWritten;
            storeSteps = store.Steps;
        }

        var rng = new Prng(2024);
        int trials = 240, keptOld = 0, gotNew = 0, resumed = 0;
        for (int trial = 0; trial < trials; trial++)
        {
            var store = new MemoryModelStore(64 * 1024);
            store.SetActive(oldFile, oldFile.Length);
            using var rig = new LinkRig(store, seed: (uint)trial);
            rig.Client.MaxAttempts = 2;
            // Half cut the cable, half the power; every fourth pair cuts near the end, around the commit.
            bool cable = trial % 2 == 0;
            bool nearEnd = trial / 2 % 4 == 0;
            if (cable)
            {
                rig.HostEnd.CutAfterBytes = nearEnd ? hostBytes - 1 - rng.NextInt(40) : rng.NextInt((int)hostBytes);
            }
            else
            {
                store.CutPowerAfter(nearEnd ? storeSteps - rng.NextInt(3) : rng.NextInt((int)storeSteps + 1));
            }
            try
            {
                rig.Client.Upload(newFile, newFile.Length, null);
            }
            catch (LinkException e)
            {
                Assert.True(e.IsTimeout, e.Message); // a cut is silence, never a refusal
            }

            rig.Reboot();
            Assert.True(rig.Session.HasModel, $"trial {trial}: {rig.Session.ModelStatus}");
            rig.HostEnd.CutAfterBytes = -1;
            BoardInfo info = rig.Client.Hello();
            Assert.True(info.ModelCrc == oldCrc || info.ModelCrc == newCrc, $"trial {trial}");
            Assert.True((info.ModelCrc == oldCrc ? "old-model" : "new-model") == info.ModelName, $"trial {trial}: {info.ModelName} {info.ModelCrc:X8} old {oldCrc:X8} new {newCrc:X8} session {rig.Session.Model?.Name}");
            if (info.ModelCrc == oldCrc) keptOld++; else gotNew++;

            // Plugged back in: the same upload finishes, resuming what the store kept.
            UploadResult again = rig.Client.Upload(newFile, newFile.Length, null);
            if (again.ResumedFrom > 0) resumed++;
            Assert.Equal(newCrc, rig.Client.Hello().ModelCrc);
        }
        _out.WriteLine($"{trials} cuts (half cable, half power) over {hostBytes} host bytes / {storeSteps} store steps: "
            + $"{keptOld} kept the old model, {gotNew} had the new one, {resumed} re-uploads resumed");
        Assert.True(keptOld > 0 && gotNew > 0);
        Assert.True(resumed > 0);
    }
}
