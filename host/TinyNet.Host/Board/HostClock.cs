using System.Diagnostics;
using TinyNet.Board;

namespace TinyNet.Host.Board;

/// <summary>The host's clock for the link and the virtual board: a stopwatch since start.</summary>
public sealed class HostClock : IBoardClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();

    public long Milliseconds => _watch.ElapsedMilliseconds;

    public long Microseconds => _watch.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;

    /// <summary>The virtual board's free memory: what the host's GC could still hand out, capped at int.MaxValue.</summary>
    public int FreeMemoryBytes()
    {
        var info = GC.GetGCMemoryInfo();
        return (int)Math.Clamp(info.TotalAvailableMemoryBytes - GC.GetTotalMemory(false), 0, int.MaxValue);
    }
}
