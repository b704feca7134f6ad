namespace TinyNet.Bytes
{
    /// <summary>
    /// Converts a float to its IEEE-754 single-precision bit pattern and back without allocating.
    /// </summary>
    /// <remarks>
    /// nanoFramework has neither BitConverter.SingleToInt32Bits nor a non-allocating GetBytes, but it
    /// has DoubleToInt64Bits: every float is exactly a double, so the single-precision bits follow
    /// from the double's by re-biasing the exponent and dropping 29 mantissa bits that are all zero.
    /// </remarks>
    public static class FloatBits
    {
        /// <summary>The 32-bit pattern of <paramref name="value"/> (NaNs keep their top payload bits).</summary>
        public static uint ToBits(float value)
        {
            long d = System.BitConverter.DoubleToInt64Bits(value);
            uint sign = (d < 0) ? 0x80000000u : 0u;
            int exponent = (int)((d >> 52) & 0x7FF);
            long mantissa = d & 0xFFFFFFFFFFFFFL;
            if (exponent == 0x7FF)
            {
                // Infinity, or NaN: keep it a NaN whatever payload bits survive.
                return mantissa == 0 ? sign | 0x7F800000u : sign | 0x7FC00000u | (uint)(mantissa >> 29);
            }
            if (exponent == 0)
            {
                return sign; // ±0 (a float is never a double subnormal)
            }
            int e = exponent - 1023 + 127;
            if (e >= 1)
            {
                return sign | ((uint)e << 23) | (uint)(mantissa >> 29);
            }
            // A float subnormal: shift the 24-bit significand (with its leading 1) right; exact.
            long significand = (mantissa | (1L << 52)) >> 29;
            return sign | (uint)(significand >> (1 - e));
        }

        /// <summary>The float whose 32-bit pattern is <paramref name="bits"/> (the inverse of <see cref="ToBits"/>).</summary>
        /// <remarks>Goes through the double, which holds every float exactly (a float subnormal is a double normal).</remarks>
        public static float FromBits(uint bits)
        {
            long sign = (bits & 0x80000000u) != 0 ? long.MinValue : 0L;
            int exponent = (int)((bits >> 23) & 0xFF);
            long mantissa = bits & 0x7FFFFF;
            if (exponent == 0xFF)
            {
                // Infinity, or NaN with its payload moved to the top of the double's mantissa.
                return (float)System.BitConverter.Int64BitsToDouble(sign | (0x7FFL << 52) | (mantissa << 29));
            }
            if (exponent == 0)
            {
                // Zero or a float subnormal: mantissa × 2^-149, exact in a double.
                double magnitude = mantissa * 1.4012984643248171E-45;
                return (float)(sign != 0 ? -magnitude : magnitude);
            }
            long e = exponent - 127 + 1023;
            return (float)System.BitConverter.Int64BitsToDouble(sign | (e << 52) | (mantissa << 29));
        }
    }
}
