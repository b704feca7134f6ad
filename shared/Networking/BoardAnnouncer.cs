using TinyNet.Board;

namespace TinyNet.Networking
{
    /// <summary>
    /// The board's side of discovery: answers a query datagram with an announcement of this board,
    /// built from its session (loaded model) and store (the model's CRC, kept in the file's last
    /// 4 bytes). The socket that receives and sends is the caller's.
    /// </summary>
    public sealed class BoardAnnouncer
    {
        private readonly BoardSession _session;
        private readonly IModelStore _store;
        private readonly BoardAnnouncement _board = new BoardAnnouncement();
        private readonly byte[] _crcBytes = new byte[4];

        /// <summary>
        /// Creates the announcer. <paramref name="tcpPort"/> is 0 and <paramref name="serialPath"/> set
        /// for a board reached over a serial line; the other way round for a network board.
        /// </summary>
        public BoardAnnouncer(BoardSession session, IModelStore store, string name, string firmware, string profile, int tcpPort, string serialPath)
        {
            if (session == null || store == null)
            {
                throw new System.ArgumentNullException("session and store are required");
            }
            _session = session;
            _store = store;
            _board.Name = name == null ? "" : name;
            _board.Firmware = firmware == null ? "" : firmware;
            _board.Profile = profile == null ? "" : profile;
            _board.ProtocolVersion = TinyNet.Link.LinkProtocol.Version;
            _board.TcpPort = tcpPort;
            _board.SerialPath = serialPath == null ? "" : serialPath;
        }

        /// <summary>
        /// When the first <paramref name="length"/> bytes of <paramref name="datagram"/> are a discovery
        /// query, writes the announcement into <paramref name="reply"/> (at least
        /// <see cref="DiscoveryMessage.MaxBytes"/>) and returns its length; otherwise returns 0.
        /// </summary>
        public int Answer(byte[] datagram, int length, byte[] reply)
        {
            if (!DiscoveryMessage.IsQuery(datagram, length))
            {
                return 0;
            }
            TinyNet.Models.Model model = _session.Model;
            _board.ModelPresent = model != null;
            _board.ModelName = model == null ? "" : model.Name;
            _board.ModelCrc = model == null ? 0 : StoredCrc();
            return DiscoveryMessage.WriteAnnouncement(_board, reply);
        }

        // The CRC a model file carries in its last 4 bytes (little-endian), as INFO reports it.
        private uint StoredCrc()
        {
            int length = _store.ActiveLength;
            if (length < 4 || _store.ReadActive(length - 4, _crcBytes, 0, 4) != 4)
            {
                return 0;
            }
            return (uint)(_crcBytes[0] | (_crcBytes[1] << 8) | (_crcBytes[2] << 16) | (_crcBytes[3] << 24));
        }
    }
}
