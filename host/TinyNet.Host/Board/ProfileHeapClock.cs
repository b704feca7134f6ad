using TinyNet.Board;

namespace TinyNet.Host.Board;

/// <summary>
/// The virtual board's clock: the host's stopwatch, but the free memory a board of the profile would
/// have (its heap less the session's buffers and the loaded model, from <see cref="ModelFit"/>'s size
/// functions), not the host GC's figure, which says nothing about the board.
/// </summary>
public sealed class ProfileHeapClock(BoardProfile profile) : IBoardClock
{
    private readonly HostClock _clock = new();

    /// <summary>The session whose loaded model is counted; set once the session exists.</summary>
    public BoardSession? Session { get; set; }

    public long Milliseconds => _clock.Milliseconds;

    public long Microseconds => _clock.Microseconds;

    public int FreeMemoryBytes()
    {
        long free = ModelFit.AvailableHeapBytes(profile) - (Session?.ModelHeapBytes ?? 0);
        return (int)Math.Clamp(free, 0, int.MaxValue);
    }
}
