using TinyNet.Checksums;

namespace TinyNet.Link
{
    /// <summary>
    /// Builds frames: [type][seq][payload][CRC-32 LE], COBS-encoded between two 0x00 delimiters.
    /// All buffers are allocated once, so sending allocates nothing.
    /// </summary>
    /// <remarks>
    /// Use: <see cref="Begin"/> returns a writer for the payload; <see cref="Finish"/> then encodes
    /// the frame into <see cref="Output"/>. <see cref="Encode"/> does both for a ready payload.
    /// </remarks>
    public sealed class FrameEncoder
    {
        private readonly int _maxPayload;
        private readonly byte[] _raw;
        private readonly byte[] _output;
        private readonly PayloadWriter _writer = new PayloadWriter();
        private int _outputLength;

        /// <summary>Creates an encoder for payloads of up to <paramref name="maxPayload"/> bytes.</summary>
        public FrameEncoder(int maxPayload)
        {
            _maxPayload = maxPayload < 0 ? 0 : maxPayload;
            _raw = new byte[_maxPayload + LinkProtocol.FrameOverhead];
            _output = new byte[LinkProtocol.MaxEncodedLength(_maxPayload)];
        }

        /// <summary>Largest payload this encoder takes.</summary>
        public int MaxPayload { get { return _maxPayload; } }

        /// <summary>The last encoded frame (the first <see cref="OutputLength"/> bytes).</summary>
        public byte[] Output { get { return _output; } }

        /// <summary>Length of the last encoded frame in <see cref="Output"/>.</summary>
        public int OutputLength { get { return _outputLength; } }

        /// <summary>Starts a payload: write it through the returned writer, then call <see cref="Finish"/>.</summary>
        public PayloadWriter Begin()
        {
            _writer.Reset(_raw, 2, _maxPayload);
            return _writer;
        }

        /// <summary>
        /// Encodes the payload written since <see cref="Begin"/> as a frame of <paramref name="type"/> and
        /// <paramref name="seq"/>. Returns the encoded length, or -1 when the payload overflowed.
        /// </summary>
        public int Finish(int type, int seq)
        {
            if (_writer.Overflow)
            {
                _outputLength = 0;
                return -1;
            }
            return EncodeRaw(type, seq, _writer.Length);
        }

        /// <summary>
        /// Encodes a frame carrying <paramref name="count"/> bytes of <paramref name="payload"/> from
        /// <paramref name="offset"/>. Returns the encoded length, or -1 when the payload is too long.
        /// </summary>
        public int Encode(int type, int seq, byte[] payload, int offset, int count)
        {
            if (count < 0 || count > _maxPayload)
            {
                _outputLength = 0;
                return -1;
            }
            if (count > 0)
            {
                System.Array.Copy(payload, offset, _raw, 2, count);
            }
            return EncodeRaw(type, seq, count);
        }

        /// <summary>Writes the last encoded frame to <paramref name="channel"/>.</summary>
        public void Send(IByteChannel channel)
        {
            if (_outputLength > 0)
            {
                channel.Write(_output, 0, _outputLength);
            }
        }

        private int EncodeRaw(int type, int seq, int payloadLength)
        {
            _raw[0] = (byte)type;
            _raw[1] = (byte)seq;
            int n = 2 + payloadLength;
            uint crc = Crc32.Compute(_raw, 0, n);
            _raw[n] = (byte)crc;
            _raw[n + 1] = (byte)(crc >> 8);
            _raw[n + 2] = (byte)(crc >> 16);
            _raw[n + 3] = (byte)(crc >> 24);
            n += 4;

            // COBS: each block starts with a code byte = 1 + the count of non-zero bytes that follow;
            // a block shorter than 254 data bytes stands for "these bytes, then a zero".
            int o = 0;
            _output[o++] = 0; // leading delimiter: ends any garbage the receiver is holding
            int codeAt = o++;
            int code = 1;
            for (int i = 0; i < n; i++)
            {
                byte b = _raw[i];
                if (b == 0)
                {
                    _output[codeAt] = (byte)code;
                    codeAt = o++;
                    code = 1;
                }
                else
                {
                    _output[o++] = b;
                    code++;
                    if (code == 0xFF)
                    {
                        _output[codeAt] = (byte)code;
                        codeAt = o++;
                        code = 1;
                    }
                }
            }
            _output[codeAt] = (byte)code;
            _output[o++] = 0;
            _outputLength = o;
            return o;
        }
    }
}
