namespace TinyNet.Link
{
    /// <summary>What the board reports in INFO: its firmware, limits and the model it holds.</summary>
    public sealed class BoardInfo
    {
        /// <summary>Protocol version the board speaks.</summary>
        public int ProtocolVersion;
        /// <summary>The board firmware's version text.</summary>
        public string FirmwareVersion = "";
        /// <summary>Free memory on the board, in bytes.</summary>
        public int FreeMemoryBytes;
        /// <summary>Largest frame payload the board accepts.</summary>
        public int MaxPayload;
        /// <summary>Largest model file the board stores, in bytes.</summary>
        public int MaxModelBytes;
        /// <summary>True when a model is loaded and ready to predict.</summary>
        public bool ModelPresent;
        /// <summary>The loaded model's name (empty when none).</summary>
        public string ModelName = "";
        /// <summary>The loaded model's shape: inputs, then each layer's neurons (empty when none).</summary>
        public int[] Shape = new int[0];
        /// <summary>Size of the loaded model's file in bytes (0 when none).</summary>
        public int ModelBytes;
        /// <summary>
        /// The loaded model's own CRC-32, the one stored in its file's last 4 bytes (CRC of everything before
        /// them). Compare with <see cref="LinkClient.ModelCrcOf"/> of a local file to skip a re-flash.
        /// </summary>
        public uint ModelCrc;
        /// <summary>Why a stored model was not loaded, or empty when there is nothing to say.</summary>
        public string ModelStatus = "";

        /// <summary>The board's profile name ("esp32"; empty from a board that predates profiles).</summary>
        public string ProfileName = "";
        /// <summary>The profile's managed heap in bytes (0 from a board that predates profiles).</summary>
        public int HeapBytes;
        /// <summary>True when the loaded model's int8 weights are streamed from flash during each prediction.</summary>
        public bool ModelStreamed;
        /// <summary>Heap the loaded model takes as it runs, in bytes (0 when none).</summary>
        public int ModelHeapBytes;

        /// <summary>Writes the INFO payload (the profile fields come last, so older hosts still read the rest).</summary>
        public void Write(PayloadWriter w)
        {
            w.U8(ProtocolVersion);
            w.Text(FirmwareVersion, 64);
            w.I32(FreeMemoryBytes);
            w.U16(MaxPayload);
            w.I32(MaxModelBytes);
            w.U8(ModelPresent ? 1 : 0);
            w.Text(ModelName, 64);
            int n = Shape == null ? 0 : Shape.Length;
            w.U8(n);
            for (int i = 0; i < n; i++)
            {
                w.I32(Shape[i]);
            }
            w.I32(ModelBytes);
            w.U32(ModelCrc);
            w.Text(ModelStatus, 400);
            w.Text(ProfileName, 32);
            w.I32(HeapBytes);
            w.U8(ModelStreamed ? 1 : 0);
            w.I32(ModelHeapBytes);
        }

        /// <summary>Reads an INFO payload; null when it is malformed.</summary>
        public static BoardInfo Read(PayloadReader r)
        {
            BoardInfo info = new BoardInfo();
            info.ProtocolVersion = r.U8();
            info.FirmwareVersion = r.Text();
            info.FreeMemoryBytes = r.I32();
            info.MaxPayload = r.U16();
            info.MaxModelBytes = r.I32();
            info.ModelPresent = r.U8() != 0;
            info.ModelName = r.Text();
            int n = r.U8();
            if (n > r.Remaining / 4)
            {
                return null;
            }
            info.Shape = new int[n];
            for (int i = 0; i < n; i++)
            {
                info.Shape[i] = r.I32();
            }
            info.ModelBytes = r.I32();
            info.ModelCrc = r.U32();
            info.ModelStatus = r.Text();
            if (!r.AtEnd)
            {
                // Appended after the first release: a board that predates profiles ends here.
                info.ProfileName = r.Text();
                info.HeapBytes = r.I32();
                info.ModelStreamed = r.U8() != 0;
                info.ModelHeapBytes = r.I32();
            }
            return r.AtEnd ? info : null;
        }
    }
}
