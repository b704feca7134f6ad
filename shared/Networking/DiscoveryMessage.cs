using TinyNet.Link;

namespace TinyNet.Networking
{
    /// <summary>
    /// The discovery datagrams. The host broadcasts a query ("TNQ" and a version byte) to the
    /// discovery port; every board answers the sender with an announcement ("TNA", the version, then
    /// the fields of <see cref="BoardAnnouncement"/> in the link's payload encoding). Anything else
    /// on the port is ignored, so a stray datagram never gets an answer.
    /// </summary>
    public static class DiscoveryMessage
    {
        /// <summary>Version of the discovery datagrams.</summary>
        public const int Version = 1;

        /// <summary>The largest datagram either side sends; receive buffers of this size suffice.</summary>
        public const int MaxBytes = 512;

        /// <summary>Bytes in a query.</summary>
        public const int QueryBytes = 4;

        // Each text field is cut to this many UTF-8 bytes, so an announcement always fits MaxBytes.
        private const int MaxText = 96;

        private const byte T = (byte)'T';
        private const byte N = (byte)'N';
        private const byte Q = (byte)'Q';
        private const byte A = (byte)'A';

        /// <summary>Writes a query into <paramref name="buffer"/> (at least <see cref="QueryBytes"/>); returns its length.</summary>
        public static int WriteQuery(byte[] buffer)
        {
            buffer[0] = T;
            buffer[1] = N;
            buffer[2] = Q;
            buffer[3] = (byte)Version;
            return QueryBytes;
        }

        /// <summary>True when the first <paramref name="length"/> bytes of <paramref name="buffer"/> are a query this version answers.</summary>
        public static bool IsQuery(byte[] buffer, int length)
        {
            return length == QueryBytes && buffer[0] == T && buffer[1] == N && buffer[2] == Q && buffer[3] == Version;
        }

        /// <summary>
        /// Writes <paramref name="board"/> as an announcement into <paramref name="buffer"/> (at least
        /// <see cref="MaxBytes"/>); returns its length.
        /// </summary>
        public static int WriteAnnouncement(BoardAnnouncement board, byte[] buffer)
        {
            buffer[0] = T;
            buffer[1] = N;
            buffer[2] = A;
            buffer[3] = (byte)Version;
            PayloadWriter w = new PayloadWriter();
            w.Reset(buffer, 4, MaxBytes - 4);
            w.Text(board.Name, MaxText);
            w.Text(board.Firmware, MaxText);
            w.U8(board.ProtocolVersion);
            w.Text(board.Profile, MaxText);
            w.U16(board.TcpPort);
            w.Text(board.SerialPath, MaxText);
            w.U8(board.ModelPresent ? 1 : 0);
            w.Text(board.ModelName, MaxText);
            w.U32(board.ModelCrc);
            return 4 + w.Length;
        }

        /// <summary>
        /// Reads an announcement from the first <paramref name="length"/> bytes of
        /// <paramref name="buffer"/>; null when they are not one (a query, another program's datagram,
        /// a newer version, or cut short).
        /// </summary>
        public static BoardAnnouncement ReadAnnouncement(byte[] buffer, int length)
        {
            if (buffer == null || length < 4 || length > buffer.Length || buffer[0] != T || buffer[1] != N || buffer[2] != A || buffer[3] != Version)
            {
                return null;
            }
            PayloadReader r = new PayloadReader();
            r.Reset(buffer, 4, length - 4);
            BoardAnnouncement board = new BoardAnnouncement();
            board.Name = r.Text();
            board.Firmware = r.Text();
            board.ProtocolVersion = r.U8();
            board.Profile = r.Text();
            board.TcpPort = r.U16();
            board.SerialPath = r.Text();
            board.ModelPresent = r.U8() != 0;
            board.ModelName = r.Text();
            board.ModelCrc = r.U32();
            return r.AtEnd ? board : null;
        }
    }
}
