using System;
using TinyNet.Board;

namespace TinyNet.Device
{
    /// <summary>The board's time and memory readings for the link session (shared/Board/IBoardClock.cs).</summary>
    /// <remarks>
    /// nanoFramework's System.GC has no Collect or GetTotalMemory; the free heap comes from
    /// nanoFramework.Runtime.Native.GC.Run, which forces a collection first (so it is a slow call,
    /// for INFO requests and boot, not for every prediction).
    /// </remarks>
    public sealed class DeviceClock : IBoardClock
    {
        /// <summary>Milliseconds since boot.</summary>
        public long Milliseconds
        {
            get { return Environment.TickCount64; }
        }

        /// <summary>Microseconds since boot from the ESP32's high-resolution timer, for timing one forward pass.</summary>
        public long Microseconds
        {
            get { return (long)nanoFramework.Hardware.Esp32.HighResTimer.GetCurrent(); }
        }

        /// <summary>Free managed heap in bytes, after a full (compacting) collection.</summary>
        public int FreeMemoryBytes()
        {
            return (int)nanoFramework.Runtime.Native.GC.Run(true);
        }
    }
}
