namespace TinyNet.Link
{
    /// <summary>
    /// Converts a float to its IEEE-754 single-precision bit pattern without allocating.
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
    }
}
