namespace TinyNet.Numerics
{
    /// <summary>
    /// A small deterministic pseudo-random generator (xorshift32, seeded through a splitmix32 step).
    /// </summary>
    /// <remarks>
    /// System.Random produces different sequences on nanoFramework and on .NET, so weight
    /// initialisation and shuffling use this generator instead: only integer operations and one
    /// exact float scaling, hence the same numbers on the board and on the host.
    /// </remarks>
    public sealed class Prng
    {
        private uint _state;

        /// <summary>Creates a generator; equal seeds give equal sequences on every platform.</summary>
        public Prng(uint seed)
        {
            // splitmix32 spreads small seeds (0, 1, 2…) over the whole state space.
            uint z = seed + 0x9E3779B9u;
            z = (z ^ (z >> 16)) * 0x85EBCA6Bu;
            z = (z ^ (z >> 13)) * 0xC2B2AE35u;
            z ^= z >> 16;
            _state = z == 0 ? 0x6D2B79F5u : z; // xorshift must never hold 0
        }

        /// <summary>The next 32 random bits.</summary>
        public uint NextUInt()
        {
            uint x = _state;
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            _state = x;
            return x;
        }

        /// <summary>A float uniformly distributed in [0, 1), with 24 random bits.</summary>
        public float NextFloat()
        {
            // 24 bits fit a float mantissa exactly, so the scaling is exact on every platform.
            return (NextUInt() >> 8) * (1.0f / 16777216.0f);
        }

        /// <summary>A float uniformly distributed in [-limit, limit).</summary>
        public float NextSymmetric(float limit)
        {
            return (NextFloat() * 2.0f - 1.0f) * limit;
        }

        /// <summary>An integer uniformly distributed in [0, count); count must be positive.</summary>
        public int NextInt(int count)
        {
            // Lemire's multiply-shift: unbiased enough for shuffling and needs no division.
            return (int)(((ulong)NextUInt() * (ulong)count) >> 32);
        }

        /// <summary>Shuffles <paramref name="order"/>[0..count) in place (Fisher–Yates).</summary>
        public void Shuffle(int[] order, int count)
        {
            for (int i = count - 1; i > 0; i--)
            {
                int j = NextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
        }
    }
}
