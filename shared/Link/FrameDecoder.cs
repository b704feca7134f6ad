using TinyNet.Checksums;

namespace TinyNet.Link
{
    /// <summary>
    /// Reassembles frames from a byte stream fed one byte at a time, dropping anything that is not a
    /// whole, well-formed frame with a matching CRC. Allocates nothing after construction.
    /// </summary>
    /// <remarks>
    /// A 0x00 byte always ends a frame, so after garbage, a cut or a flipped bit the decoder is back
    /// in step at the next delimiter. A frame longer than the buffer is counted and skipped without
    /// writing past the buffer. The received frame stays valid until the next <see cref="Push"/>.
    /// </remarks>
    public sealed class FrameDecoder
    {
        private readonly int _maxPayload;
        private readonly byte[] _raw;
        private readonly PayloadReader _reader = new PayloadReader();

        private int _fill;
        private int _left;
        private int _code;
        private bool _started;
        private bool _overflow;

        private int _type;
        private int _seq;
        private int _payloadLength;
        private uint _crc;

        private int _frames;
        private int _badCrc;
        private int _oversized;
        private int _malformed;

        /// <summary>Creates a decoder for payloads of up to <paramref name="maxPayload"/> bytes.</summary>
        public FrameDecoder(int maxPayload)
        {
            _maxPayload = maxPayload < 0 ? 0 : maxPayload;
            _raw = new byte[_maxPayload + LinkProtocol.FrameOverhead];
        }

        /// <summary>
        /// Takes the next byte from the channel. Returns true when it completed a valid frame, which
        /// is then available through <see cref="Type"/>, <see cref="Seq"/> and the payload members.
        /// </summary>
        public bool Push(byte b)
        {
            if (b == 0)
            {
                return EndFrame();
            }
            if (_left == 0)
            {
                // A code byte. The block before it stood for "data, then a zero" unless it was full.
                if (_started && _code != 0xFF)
                {
                    Append(0);
                }
                _code = b;
                _left = b - 1;
                _started = true;
            }
            else
            {
                // Append inlined: this branch runs for every data byte, and a call costs the
                // nanoFramework interpreter more than the few instructions it saves here.
                int fill = _fill;
                byte[] raw = _raw;
                if (fill < raw.Length)
                {
                    raw[fill] = b;
                    _fill = fill + 1;
                }
                else
                {
                    _overflow = true;
                }
                _left--;
            }
            return false;
        }

        /// <summary>Forgets a partly received frame (e.g. after the channel was reopened).</summary>
        public void Reset()
        {
            _fill = 0;
            _left = 0;
            _code = 0;
            _started = false;
            _overflow = false;
        }

        /// <summary>Message type of the last frame.</summary>
        public int Type { get { return _type; } }

        /// <summary>Sequence number of the last frame.</summary>
        public int Seq { get { return _seq; } }

        /// <summary>The buffer holding the last frame; its payload starts at <see cref="PayloadOffset"/>.</summary>
        public byte[] Buffer { get { return _raw; } }

        /// <summary>Where the payload starts in <see cref="Buffer"/>.</summary>
        public int PayloadOffset { get { return 2; } }

        /// <summary>Payload length of the last frame.</summary>
        public int PayloadLength { get { return _payloadLength; } }

        /// <summary>The last frame's CRC: identifies a request exactly, so a repeat can be recognised.</summary>
        public uint FrameCrc { get { return _crc; } }

        /// <summary>A reader over the last frame's payload (reset on every call).</summary>
        public PayloadReader Payload()
        {
            _reader.Reset(_raw, 2, _payloadLength);
            return _reader;
        }

        /// <summary>Valid frames received.</summary>
        public int Frames { get { return _frames; } }

        /// <summary>Frames dropped because their CRC did not match.</summary>
        public int BadCrc { get { return _badCrc; } }

        /// <summary>Frames dropped because they were longer than the largest payload allows.</summary>
        public int Oversized { get { return _oversized; } }

        /// <summary>Frames dropped because they were cut short or too short to hold a header and CRC.</summary>
        public int Malformed { get { return _malformed; } }

        /// <summary>All frames dropped, for any reason.</summary>
        public int Dropped { get { return _badCrc + _oversized + _malformed; } }

        private void Append(byte b)
        {
            if (_fill < _raw.Length)
            {
                _raw[_fill++] = b;
            }
            else
            {
                _overflow = true;
            }
        }

        private bool EndFrame()
        {
            bool started = _started;
            bool overflow = _overflow;
            bool complete = _left == 0;
            int fill = _fill;
            Reset();
            if (!started)
            {
                return false; // back-to-back delimiters: nothing was sent
            }
            if (overflow)
            {
                _oversized++;
                return false;
            }
            if (!complete || fill < LinkProtocol.FrameOverhead)
            {
                _malformed++;
                return false;
            }
            int n = fill - 4;
            uint stored = (uint)_raw[n] | ((uint)_raw[n + 1] << 8) | ((uint)_raw[n + 2] << 16) | ((uint)_raw[n + 3] << 24);
            uint crc = Crc32.Compute(_raw, 0, n);
            if (crc != stored)
            {
                _badCrc++;
                return false;
            }
            _type = _raw[0];
            _seq = _raw[1];
            _payloadLength = n - 2;
            _crc = crc;
            _frames++;
            return true;
        }
    }
}
