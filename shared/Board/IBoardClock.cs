using TinyNet.Link;

namespace TinyNet.Board
{
    /// <summary>
    /// The board's readings the session needs: time since boot (milliseconds and microseconds) and
    /// free memory. The device implements it with its timers and GC; the host with a stopwatch.
    /// </summary>
    public interface IBoardClock : IClock
    {
        /// <summary>Microseconds since boot, for timing one prediction.</summary>
        long Microseconds { get; }

        /// <summary>Free memory in bytes (may run a collection first: a slow call, used for INFO only).</summary>
        int FreeMemoryBytes();
    }
}
