using nanoFramework.TestFramework;

namespace TinyNet.Device.Tests
{
    /// <summary>
    /// Float comparisons with an explicit tolerance: nanoFramework's Assert.AreEqual(float, float) is
    /// exact and has no delta overload, and the ESP32 computes Math.Exp/Tanh in single precision.
    /// </summary>
    public static class Tolerance
    {
        /// <summary>Fails unless |expected − actual| ≤ tolerance (NaN never passes).</summary>
        public static void AssertClose(float expected, float actual, float tolerance, string what)
        {
            float difference = expected - actual;
            if (difference < 0f)
            {
                difference = -difference;
            }
            // Written so that a NaN difference fails: every comparison with NaN is false.
            bool close = difference <= tolerance;
            Assert.IsTrue(close, what + ": expected " + expected.ToString() + " ± " + tolerance.ToString()
                + ", got " + actual.ToString());
        }

        /// <summary>Fails unless the two floats have the same bits (a round trip through a file or frame must be exact).</summary>
        public static void AssertSameBits(float expected, float actual, string what)
        {
            Assert.IsTrue(TinyNet.Bytes.FloatBits.ToBits(expected) == TinyNet.Bytes.FloatBits.ToBits(actual),
                what + ": expected " + expected.ToString() + ", got " + actual.ToString());
        }
    }
}
