namespace TinyNet.Networking
{
    /// <summary>The numbers the board and the host agree on for the link over the network.</summary>
    public static class NetworkDefaults
    {
        /// <summary>TCP port the board serves the link on (the same frames as over the UART).</summary>
        public const int LinkPort = 5757;

        /// <summary>UDP port the board answers discovery queries on.</summary>
        public const int DiscoveryPort = 5758;

        /// <summary>
        /// A connected client that completes no request for this long is dropped, so a peer that
        /// vanished (WiFi gone, laptop closed) or sends only garbage cannot hold the board. Each host
        /// command is its own connection and answers come in milliseconds, so 10 s is generous.
        /// </summary>
        public const int IdleTimeoutMilliseconds = 10000;

        /// <summary>
        /// How long a second client waits before it is told BUSY. The first client may just have
        /// gone (its close not yet read); this gives the server a few polls to notice and serve the
        /// newcomer instead.
        /// </summary>
        public const int BusyGraceMilliseconds = 250;

        /// <summary>How long a refused client has to send its first request before it is closed unanswered.</summary>
        public const int BusyAnswerMilliseconds = 2000;
    }
}
