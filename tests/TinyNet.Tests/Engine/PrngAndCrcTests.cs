using TinyNet.Checksums;
using TinyNet.Numerics;

namespace TinyNet.Tests.Engine;

/// <summary>The engine's own PRNG and CRC: same numbers on every platform, as specified.</summary>
public class PrngAndCrcTests
{
    // An independent re-implementation from the algorithm's description (splitmix32 seeding,
    // xorshift32 13/17/5): the shared class must produce exactly this sequence.
    private static IEnumerable<uint> Reference(uint seed)
    {
        uint z = seed + 0x9E3779B9u;
        z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
        z = (z ^ (z >> 13)) * 0xC2B2AE35u;
        z ^= z >> 16;
        uint x = z == 0 ? 0x6D2B79F5u : z;
        while (true)
        {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            yield return x;
        }
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(1u)]
    [InlineData(42u)]
    [InlineData(uint.MaxValue)]
    public void Sequence_matches_the_specified_algorithm(uint seed)
    {
        var prng = new Prng(seed);
        foreach (uint expected in Reference(seed).Take(1000)) Assert.Equal(expected, prng.NextUInt());
    }

    [Fact]
    public void Floats_are_in_zero_one_and_symmetric_values_within_the_limit()
    {
        var prng = new Prng(9);
        for (int i = 0; i < 100_000; i++)
        {
            float f = prng.NextFloat();
            Assert.InRange(f, 0f, 0.99999994f);
            Assert.InRange(prng.NextSymmetric(0.25f), -0.25f, 0.25f);
        }
    }

    [Fact]
    public void NextInt_is_uniform_by_chi_square()
    {
        var prng = new Prng(5);
        const int Bins = 10, Draws = 100_000;
        var counts = new int[Bins];
        for (int i = 0; i < Draws; i++) counts[prng.NextInt(Bins)]++;
        double expected = Draws / (double)Bins;
        double chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        Assert.True(chi2 < 27.88, $"chi-square {chi2:F2} over 9 degrees of freedom (p = 0.001 limit 27.88)");
    }

    [Fact]
    public void Shuffle_is_a_permutation_and_depends_on_the_seed()
    {
        int[] a = Enumerable.Range(0, 1000).ToArray(), b = (int[])a.Clone();
        new Prng(1).Shuffle(a, a.Length);
        new Prng(2).Shuffle(b, b.Length);
        Assert.Equal(Enumerable.Range(0, 1000), a.Order());
        Assert.NotEqual(a, b);
    }

    [Fact]
    public void Crc32_matches_the_standard_check_value_and_incremental_equals_one_shot()
    {
        byte[] check = "123456789"u8.ToArray();
        Assert.Equal(0xCBF43926u, Crc32.Compute(check, 0, check.Length));
        uint state = Crc32.Start;
        state = Crc32.Update(state, check, 0, 4);
        state = Crc32.Update(state, check, 4, 5);
        Assert.Equal(0xCBF43926u, Crc32.Finish(state));
    }
}
