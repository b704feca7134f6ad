using System;

namespace TinyNet.Numerics
{
    /// <summary>
    /// The one place where the engine calls the platform's math library.
    /// </summary>
    /// <remarks>
    /// nanoFramework's System.Math is double-only (and computes in single precision on ESP32),
    /// while .NET has MathF. Calling Math with a double and casting back compiles and runs on both.
    /// </remarks>
    public static class MathSeam
    {
        /// <summary>e raised to <paramref name="x"/>.</summary>
        public static float Exp(float x)
        {
            return (float)Math.Exp(x);
        }

        /// <summary>Hyperbolic tangent of <paramref name="x"/>.</summary>
        public static float Tanh(float x)
        {
            return (float)Math.Tanh(x);
        }

        /// <summary>Natural logarithm of <paramref name="x"/>.</summary>
        public static float Log(float x)
        {
            return (float)Math.Log(x);
        }

        /// <summary>Square root of <paramref name="x"/> (correctly rounded on every platform).</summary>
        public static float Sqrt(float x)
        {
            return (float)Math.Sqrt(x);
        }

        /// <summary>True when <paramref name="x"/> is neither NaN nor infinite.</summary>
        public static bool IsFinite(float x)
        {
            // NaN fails every comparison, so this is false for NaN as well as for ±Inf.
            return x >= -float.MaxValue && x <= float.MaxValue;
        }
    }
}
