using TinyNet.Bytes;

namespace TinyNet.Link
{
    /// <summary>
    /// Writes little-endian numbers and texts into a fixed buffer. Writing past the end sets
    /// <see cref="Overflow"/> and drops the value instead of throwing, so a caller checks once.
    /// </summary>
    public sealed class PayloadWriter
    {
        private byte[] _buffer;
        private int _start;
        private int _position;
        private int _limit;
        private bool _overflow;

        /// <summary>Points the writer at <paramref name="capacity"/> bytes of <paramref name="buffer"/> from <paramref name="offset"/>.</summary>
        public void Reset(byte[] buffer, int offset, int capacity)
        {
            _buffer = buffer;
            _start = offset;
            _position = offset;
            _limit = offset + capacity;
            _overflow = false;
        }

        /// <summary>Bytes written so far.</summary>
        public int Length { get { return _position - _start; } }

        /// <summary>Bytes still free.</summary>
        public int Remaining { get { return _limit - _position; } }

        /// <summary>True when something did not fit (and was dropped).</summary>
        public bool Overflow { get { return _overflow; } }

        private bool Room(int count)
        {
            if (_overflow || count > _limit - _position)
            {
                _overflow = true;
                return false;
            }
            return true;
        }

        /// <summary>Writes one byte (the low 8 bits of <paramref name="value"/>).</summary>
        public void U8(int value)
        {
            if (Room(1))
            {
                _buffer[_position++] = (byte)value;
            }
        }

        /// <summary>Writes the low 16 bits of <paramref name="value"/>, little-endian.</summary>
        public void U16(int value)
        {
            if (Room(2))
            {
                _position = LittleEndian.PutU16(_buffer, _position, value);
            }
        }

        /// <summary>Writes a 32-bit value, little-endian.</summary>
        public void U32(uint value)
        {
            if (Room(4))
            {
                _position = LittleEndian.PutU32(_buffer, _position, value);
            }
        }

        /// <summary>Writes a signed 32-bit value, little-endian two's complement.</summary>
        public void I32(int value)
        {
            U32((uint)value);
        }

        /// <summary>Writes an IEEE-754 single, little-endian.</summary>
        public void F32(float value)
        {
            U32(FloatBits.ToBits(value));
        }

        /// <summary>
        /// Writes a text as a u16 byte count and its UTF-8 bytes, cut (between characters) to
        /// <paramref name="maxBytes"/> and to the space left.
        /// </summary>
        public void Text(string text, int maxBytes)
        {
            int room = _limit - _position - 2;
            if (_overflow || room < 0)
            {
                _overflow = true;
                return;
            }
            if (maxBytes > room)
            {
                maxBytes = room;
            }
            if (maxBytes > 0xFFFF)
            {
                maxBytes = 0xFFFF;
            }
            int n = Utf8Text.Encode(text, _buffer, _position + 2, maxBytes);
            LittleEndian.PutU16(_buffer, _position, n);
            _position += 2 + n;
        }

        /// <summary>Copies <paramref name="count"/> raw bytes.</summary>
        public void Bytes(byte[] source, int offset, int count)
        {
            if (Room(count))
            {
                System.Array.Copy(source, offset, _buffer, _position, count);
                _position += count;
            }
        }
    }
}
