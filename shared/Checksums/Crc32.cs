namespace TinyNet.Checksums
{
    /// <summary>
    /// CRC-32 (IEEE 802.3, reflected polynomial 0xEDB88320), the checksum of zip, PNG and Ethernet.
    /// </summary>
    /// <remarks>Own implementation: nanoFramework's hashing package is not in the base API list.</remarks>
    public static class Crc32
    {
        private static readonly uint[] Table = BuildTable();

        private static uint[] BuildTable()
        {
            uint[] table = new uint[256];
            for (uint n = 0; n < 256; n++)
            {
                uint c = n;
                for (int k = 0; k < 8; k++)
                {
                    c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
                }
                table[n] = c;
            }
            return table;
        }

        /// <summary>The CRC-32 of <paramref name="count"/> bytes of <paramref name="data"/> from <paramref name="offset"/>.</summary>
        public static uint Compute(byte[] data, int offset, int count)
        {
            return Finish(Update(Start, data, offset, count));
        }

        /// <summary>The running value to pass to the first <see cref="Update"/> call.</summary>
        public const uint Start = 0xFFFFFFFFu;

        /// <summary>Feeds more bytes into a running CRC (for data that arrives in pieces).</summary>
        public static uint Update(uint running, byte[] data, int offset, int count)
        {
            // Unrolled by 4 with the table in a local: this loop runs over every byte the board receives.
            uint[] table = Table;
            uint c = running;
            int i = offset;
            int end = offset + count;
            int stop = end - 3;
            for (; i < stop; i += 4)
            {
                c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
                c = table[(c ^ data[i + 1]) & 0xFF] ^ (c >> 8);
                c = table[(c ^ data[i + 2]) & 0xFF] ^ (c >> 8);
                c = table[(c ^ data[i + 3]) & 0xFF] ^ (c >> 8);
            }
            for (; i < end; i++)
            {
                c = table[(c ^ data[i]) & 0xFF] ^ (c >> 8);
            }
            return c;
        }

        /// <summary>Turns a running value into the final CRC.</summary>
        public static uint Finish(uint running)
        {
            return running ^ 0xFFFFFFFFu;
        }
    }
}
