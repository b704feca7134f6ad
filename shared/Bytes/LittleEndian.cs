namespace TinyNet.Bytes
{
    /// <summary>
    /// Reads and writes little-endian integers and IEEE-754 singles in a byte array, allocating
    /// nothing: the byte order of the model file and of the link's payloads, on any machine.
    /// </summary>
    /// <remarks>Callers check the range; these methods index the array directly.</remarks>
    public static class LittleEndian
    {
        /// <summary>The unsigned 16-bit value at data[offset..offset+2).</summary>
        public static int U16(byte[] data, int offset)
        {
            return data[offset] | (data[offset + 1] << 8);
        }

        /// <summary>The unsigned 32-bit value at data[offset..offset+4).</summary>
        public static uint U32(byte[] data, int offset)
        {
            return (uint)data[offset] | ((uint)data[offset + 1] << 8)
                | ((uint)data[offset + 2] << 16) | ((uint)data[offset + 3] << 24);
        }

        /// <summary>The single at data[offset..offset+4).</summary>
        public static float F32(byte[] data, int offset)
        {
            if (System.BitConverter.IsLittleEndian)
            {
                return System.BitConverter.ToSingle(data, offset);
            }
            return FloatBits.FromBits(U32(data, offset));
        }

        /// <summary>Writes the low 16 bits of <paramref name="value"/> at data[offset]; returns offset + 2.</summary>
        public static int PutU16(byte[] data, int offset, int value)
        {
            data[offset] = (byte)value;
            data[offset + 1] = (byte)(value >> 8);
            return offset + 2;
        }

        /// <summary>Writes <paramref name="value"/> at data[offset]; returns offset + 4.</summary>
        public static int PutU32(byte[] data, int offset, uint value)
        {
            data[offset] = (byte)value;
            data[offset + 1] = (byte)(value >> 8);
            data[offset + 2] = (byte)(value >> 16);
            data[offset + 3] = (byte)(value >> 24);
            return offset + 4;
        }

        /// <summary>Writes the bits of <paramref name="value"/> at data[offset]; returns offset + 4.</summary>
        public static int PutF32(byte[] data, int offset, float value)
        {
            return PutU32(data, offset, FloatBits.ToBits(value));
        }
    }
}
