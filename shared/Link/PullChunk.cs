namespace TinyNet.Link
{
    /// <summary>A PULL_CHUNK reply: where the bytes go in the board's active model file, and the file's size and model CRC.</summary>
    public sealed class PullChunk
    {
        /// <summary>Bytes in the whole file.</summary>
        public int FileSize;
        /// <summary>
        /// The model's own CRC-32 (the file's last 4 bytes, the CRC INFO reports): the host checks that the
        /// CRC-32 of every byte before the trailer equals it.
        /// </summary>
        public uint ModelCrc;
        /// <summary>Where <see cref="Data"/> starts in the file.</summary>
        public int Offset;
        /// <summary>The chunk's bytes (empty at the end of the file).</summary>
        public byte[] Data = new byte[0];

        /// <summary>Bytes of header before the data in a PULL_CHUNK payload.</summary>
        public const int HeaderBytes = 12;

        /// <summary>Reads a PULL_CHUNK payload; null when it is malformed.</summary>
        public static PullChunk Read(PayloadReader r)
        {
            PullChunk c = new PullChunk();
            uint size = r.U32();
            c.ModelCrc = r.U32();
            uint offset = r.U32();
            if (!r.Ok || size > 0x7FFFFFFF || offset > size || (uint)r.Remaining > size - offset)
            {
                return null;
            }
            c.FileSize = (int)size;
            c.Offset = (int)offset;
            c.Data = new byte[r.Remaining];
            System.Array.Copy(r.Buffer, r.Position, c.Data, 0, c.Data.Length);
            return c;
        }
    }
}
