using System;
using TinyNet.Board;

namespace TinyNet.Device.Bench
{
    /// <summary>
    /// The benchmark's clock on any nanoCLR (the ESP32 and the x86 build alike): DateTime ticks, which
    /// every nanoFramework target has (the ESP32's HighResTimer does not exist on nanoCLR for x86), and
    /// nanoFramework's GC figure for the free memory.
    /// </summary>
    public sealed class BenchClock : IBoardClock
    {
        /// <summary>Milliseconds on the wall clock.</summary>
        public long Milliseconds
        {
            get { return DateTime.UtcNow.Ticks / TimeSpan.TicksPerMillisecond; }
        }

        /// <summary>Microseconds on the wall clock (ticks are 100 ns).</summary>
        public long Microseconds
        {
            get { return DateTime.UtcNow.Ticks / 10; }
        }

        /// <summary>Free managed memory after a collection, in bytes.</summary>
        public int FreeMemoryBytes()
        {
            return (int)nanoFramework.Runtime.Native.GC.Run(true);
        }
    }
}
