using TinyNet.Host;
using TinyNet.Host.Mnist;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Runs the IDX reader on damaged bytes and judges it against <see cref="IdxSpec"/>.
/// </summary>
/// <remarks>
/// IDX has no checksum, so a wrong acceptance here is: the reader accepts bytes the format rules
/// reject, or returns a payload other than the bytes after the header. Accepting a file whose pixel
/// changed is right (<see cref="Outcome.StillValid"/>); refusing a valid file is a
/// <see cref="Outcome.WrongRefusal"/>.
/// </remarks>
public static class IdxJudge
{
    private const long AllocationSlack = 16 * 1024;

    /// <summary>Judges <see cref="IdxReader.ParseImages"/> or <see cref="IdxReader.ParseLabels"/>.</summary>
    public static Verdict Judge(Damaged damaged, bool images)
    {
        byte[] bytes = damaged.Bytes;
        byte[]? expected = IdxSpec.Payload(bytes, images);
        byte[]? payload = null;
        string? error = null;
        long allocated;
        long before = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            payload = images ? IdxReader.ParseImages("f", bytes, out _) : IdxReader.ParseLabels("f", bytes);
        }
        catch (UserError e)
        {
            error = e.Message;
        }
        catch (Exception e)
        {
            return new Verdict(Outcome.Crash, $"{damaged.Kind}: {e.GetType().Name}: {e.Message}");
        }
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        if (allocated > 2L * bytes.Length + AllocationSlack)
            return new Verdict(Outcome.OverAllocation, $"{damaged.Kind}: {allocated} bytes allocated for a {bytes.Length}-byte file");
        if (payload != null)
        {
            if (expected == null)
                return new Verdict(Outcome.WrongAcceptance, $"{damaged.Kind}: accepted a file the IDX rules refuse");
            if (!payload.AsSpan().SequenceEqual(expected))
                return new Verdict(Outcome.WrongAcceptance, $"{damaged.Kind}: returned a payload other than the file's");
            return new Verdict(Outcome.StillValid, damaged.Kind);
        }
        if (expected != null)
            return new Verdict(Outcome.WrongRefusal, $"{damaged.Kind}: refused a valid file: {error}");
        var verdict = Verdict.FromMessage(error!, damaged.Expect);
        return verdict.Outcome == Outcome.Refused ? verdict : verdict with { Detail = $"{damaged.Kind}: {verdict.Detail}" };
    }
}
