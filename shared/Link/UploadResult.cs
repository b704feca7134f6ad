namespace TinyNet.Link
{
    /// <summary>What an upload did: where it resumed and how much it sent.</summary>
    public sealed class UploadResult
    {
        /// <summary>Bytes the board already had from an earlier, interrupted upload of the same file.</summary>
        public int ResumedFrom;
        /// <summary>Size of the file.</summary>
        public int TotalBytes;
        /// <summary>Chunks sent (not counting retries).</summary>
        public int Chunks;
        /// <summary>CRC-32 of the whole file.</summary>
        public uint Crc;
    }
}
