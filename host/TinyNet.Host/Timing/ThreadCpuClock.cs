using System.Diagnostics;
using System.Runtime.InteropServices;

namespace TinyNet.Host.Timing;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID). On a machine shared with other
/// work a wall-clock time counts the time the thread waited for a core; this does not, so it stays
/// comparable between runs (Python's time.thread_time() is the same clock, for the reference).
/// </summary>
public static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;   // CLOCK_THREAD_CPUTIME_ID

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Whether this platform has the clock (otherwise <see cref="Seconds"/> is wall-clock time).</summary>
    public static bool Available { get; } = OperatingSystem.IsLinux();

    /// <summary>Seconds of CPU this thread has used (or, without the clock, seconds of wall time).</summary>
    public static double Seconds()
    {
        if (Available && ClockGetTime(ThreadCpuTimeId, out TimeSpec time) == 0) return time.Seconds + time.Nanoseconds * 1e-9;
        return Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency;
    }
}
