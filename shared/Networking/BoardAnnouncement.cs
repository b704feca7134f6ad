namespace TinyNet.Networking
{
    /// <summary>
    /// What a board says about itself in answer to a discovery query: who it is, what it runs and
    /// how to reach it. Encoded into one UDP datagram by <see cref="DiscoveryMessage"/>.
    /// </summary>
    public sealed class BoardAnnouncement
    {
        /// <summary>The board's name (the ESP32 uses its MAC address; a virtual board its store folder).</summary>
        public string Name = "";

        /// <summary>The firmware version, as INFO reports it.</summary>
        public string Firmware = "";

        /// <summary>The link protocol version the board speaks.</summary>
        public int ProtocolVersion;

        /// <summary>What kind of board it is: "esp32" or "virtual".</summary>
        public string Profile = "";

        /// <summary>TCP port the board serves the link on; 0 when it has no network link.</summary>
        public int TcpPort;

        /// <summary>
        /// A serial device path the link is on, for a virtual board behind a pseudo-terminal (which
        /// answers discovery on loopback); empty for a network board.
        /// </summary>
        public string SerialPath = "";

        /// <summary>True when a model is loaded.</summary>
        public bool ModelPresent;

        /// <summary>The loaded model's name (empty when none).</summary>
        public string ModelName = "";

        /// <summary>The loaded model's CRC (as INFO reports it; 0 when none).</summary>
        public uint ModelCrc;
    }
}
