using TinyNet.Link;

namespace TinyNet.Board
{
    /// <summary>
    /// The last reply the board sent, kept encoded so a retried request (same seq, same type, same
    /// frame CRC: the host lost the reply) is answered byte for byte the same, without being applied again.
    /// </summary>
    public sealed class ReplyCache
    {
        private readonly byte[] _frame = new byte[LinkProtocol.MaxEncodedLength(LinkProtocol.MaxPayload)];
        private int _length;
        private bool _has;
        private int _type;
        private int _seq;
        private uint _crc;

        /// <summary>True when the request identified by type, seq and frame CRC is the one the cached reply answered.</summary>
        public bool Answers(int type, int seq, uint frameCrc)
        {
            return _has && seq == _seq && type == _type && frameCrc == _crc;
        }

        /// <summary>Keeps <paramref name="length"/> encoded bytes of <paramref name="reply"/> as the answer to that request.</summary>
        public void Keep(byte[] reply, int length, int type, int seq, uint frameCrc)
        {
            System.Array.Copy(reply, 0, _frame, 0, length);
            _length = length;
            _type = type;
            _seq = seq;
            _crc = frameCrc;
            _has = true;
        }

        /// <summary>Sends the cached reply again.</summary>
        public void Resend(IByteChannel channel)
        {
            channel.Write(_frame, 0, _length);
        }
    }
}
