using TinyNet.Fuzz.Targets;

namespace TinyNet.Tests.Hardening;

/// <summary>
/// The fuzz targets on their own seeds: every seed is handled (a seed that broke a target would
/// make every AFL++ run start from a crash). Crashes the fuzzer finds are added here as regressions.
/// </summary>
public class FuzzTargetTests
{
    [Fact]
    public void EverySeedIsHandled()
    {
        int seeds = 0;
        foreach (var (target, files) in SeedCorpus.Seeds())
        {
            foreach (byte[] seed in files)
            {
                Assert.True(FuzzTargets.TryRun(target, seed), target);
                seeds++;
            }
        }
        Assert.True(seeds > 20);
    }

    [Fact]
    public void ShortAndEmptySessionScriptsAreHandled()
    {
        FuzzTargets.Session([1, 1, 5, 1]); // a length byte promising more than there is: the frame carries what there is
        FuzzTargets.Session([]);
        FuzzTargets.Session([0x81, 0, 0, 0, 9, 0]); // a reply and a seq-less type 0: never answered
    }
}
