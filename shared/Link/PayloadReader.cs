using TinyNet.Bytes;

namespace TinyNet.Link
{
    /// <summary>
    /// Reads little-endian numbers and texts from a received payload. Reading past the end clears
    /// <see cref="Ok"/> and yields zeros instead of throwing, so a decoder checks once at the end
    /// (hostile input must never turn into an exception on the board).
    /// </summary>
    public sealed class PayloadReader
    {
        private byte[] _buffer;
        private int _position;
        private int _start;
        private int _end;
        private bool _ok;

        /// <summary>Points the reader at <paramref name="count"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public void Reset(byte[] buffer, int offset, int count)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _end = offset + count;
            _ok = true;
        }

        /// <summary>False once a read ran past the end of the payload.</summary>
        public bool Ok { get { return _ok; } }

        /// <summary>Bytes of the whole payload (read or not).</summary>
        public int Length { get { return _end - _start; } }

        /// <summary>Bytes not read yet.</summary>
        public int Remaining { get { return _end - _position; } }

        /// <summary>Where the next byte is in the underlying buffer (for reading raw bytes in place).</summary>
        public int Position { get { return _position; } }

        /// <summary>The buffer being read.</summary>
        public byte[] Buffer { get { return _buffer; } }

        /// <summary>True when the payload was read exactly to its end without running past it.</summary>
        public bool AtEnd { get { return _ok && _position == _end; } }

        private bool Take(int count)
        {
            if (!_ok || count < 0 || count > _end - _position)
            {
                _ok = false;
                return false;
            }
            return true;
        }

        /// <summary>Reads one byte.</summary>
        public int U8()
        {
            if (!Take(1))
            {
                return 0;
            }
            return _buffer[_position++];
        }

        /// <summary>Reads an unsigned 16-bit value.</summary>
        public int U16()
        {
            if (!Take(2))
            {
                return 0;
            }
            int v = LittleEndian.U16(_buffer, _position);
            _position += 2;
            return v;
        }

        /// <summary>Reads an unsigned 32-bit value.</summary>
        public uint U32()
        {
            if (!Take(4))
            {
                return 0;
            }
            uint v = LittleEndian.U32(_buffer, _position);
            _position += 4;
            return v;
        }

        /// <summary>Reads a signed 32-bit value.</summary>
        public int I32()
        {
            return (int)U32();
        }

        /// <summary>Reads an IEEE-754 single.</summary>
        public float F32()
        {
            if (!Take(4))
            {
                return 0f;
            }
            float v = LittleEndian.F32(_buffer, _position);
            _position += 4;
            return v;
        }

        /// <summary>Reads a text written by <see cref="PayloadWriter.Text"/> (invalid UTF-8 becomes '?').</summary>
        public string Text()
        {
            int length = U16();
            if (!Take(length))
            {
                return "";
            }
            string text = Utf8Text.Decode(_buffer, _position, length);
            _position += length;
            return text;
        }

        /// <summary>Skips <paramref name="count"/> bytes (e.g. after using them in place).</summary>
        public void Skip(int count)
        {
            if (Take(count))
            {
                _position += count;
            }
        }
    }
}
