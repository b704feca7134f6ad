using TinyNet.Link;

namespace TinyNet.Networking
{
    /// <summary>
    /// Answers a client the board cannot serve now (another one is connected): it reads that
    /// client's first request and replies ERROR <see cref="ErrorCode.Busy"/> with the request's seq,
    /// so the host reports "busy" at once instead of timing out or interleaving two sessions.
    /// </summary>
    public sealed class BusyResponder
    {
        private const int ReadBlock = 64;

        // Only the reason text goes in the reply; a request's payload may be up to a full frame.
        private const int ReplyPayload = 160;

        private readonly FrameDecoder _decoder = new FrameDecoder(LinkProtocol.MaxPayload);
        private readonly FrameEncoder _encoder = new FrameEncoder(ReplyPayload);
        private readonly byte[] _buffer = new byte[ReadBlock];

        /// <summary>Forgets what the previous refused client sent.</summary>
        public void Reset()
        {
            _decoder.Reset();
        }

        /// <summary>
        /// Reads what <paramref name="connection"/> has sent so far (without waiting) and answers its
        /// first request BUSY. Returns true once that answer is sent: close the connection then.
        /// </summary>
        public bool Serve(IConnection connection)
        {
            int n = connection.Read(_buffer, 0, _buffer.Length, 0);
            for (int i = 0; i < n; i++)
            {
                if (_decoder.Push(_buffer[i]) && _decoder.Type < 0x80 && _decoder.Type != 0)
                {
                    PayloadWriter w = _encoder.Begin();
                    w.U8(ErrorCode.Busy);
                    w.Text("the board is busy with another client; try again when that one is done", ReplyPayload - 3);
                    if (_encoder.Finish(MessageType.Error, _decoder.Seq) > 0)
                    {
                        _encoder.Send(connection);
                    }
                    return true;
                }
            }
            return false;
        }
    }
}
