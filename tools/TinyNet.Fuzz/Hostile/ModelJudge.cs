using TinyNet.Models;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Runs the model reader on damaged bytes and judges the result.
/// </summary>
/// <remarks>
/// A wrong acceptance is precisely: the reader loads (or validates) bytes that are not byte-identical
/// to the valid file they were made from. Every damage generated differs from its original, so any
/// acceptance is wrong. For transport damage the CRC-32 lets a random corruption through with
/// probability 2^-32; for planted damage the CRC matches and only the field checks remain, so
/// there no acceptance is excusable. An accepted file must also re-encode to the same bytes,
/// which catches a reader that ignores a field.
/// </remarks>
public static class ModelJudge
{
    // The reader's fixed buffers plus message strings; the model's own arrays are counted on top.
    private const long AllocationSlack = 16 * 1024;

    /// <summary>Judges <see cref="ModelFile.Read"/> and <see cref="ModelFile.Validate"/> on <paramref name="damaged"/>.</summary>
    public static Verdict Judge(byte[] original, Damaged damaged)
    {
        byte[] bytes = damaged.Bytes;
        ModelReadResult result;
        string? validateError;
        long allocated;
        try
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            result = ModelFile.Read(bytes, bytes.Length);
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            validateError = ModelFile.Validate(bytes, bytes.Length);
        }
        catch (Exception e)
        {
            return new Verdict(Outcome.Crash, $"{damaged.Kind}: {e.GetType().Name}: {e.Message}");
        }
        // Loading never needs more than the arrays the file's own bytes fill (1 array byte per int8
        // weight byte, 4 per float's 4) plus bookkeeping.
        if (allocated > 2L * bytes.Length + AllocationSlack)
            return new Verdict(Outcome.OverAllocation, $"{damaged.Kind}: {allocated} bytes allocated for a {bytes.Length}-byte file");
        if ((result.Error == null) != (validateError == null))
            return new Verdict(Outcome.WrongAcceptance, $"{damaged.Kind}: Read says '{result.Error}' but Validate says '{validateError}'");
        if (result.Error == null)
        {
            bool same = bytes.AsSpan().SequenceEqual(original);
            bool reencodes = ModelFile.Write(result.Model!).AsSpan().SequenceEqual(bytes);
            return new Verdict(Outcome.WrongAcceptance, $"{damaged.Kind}: accepted {(same ? "the original" : "changed bytes")}"
                + (reencodes ? "" : " that re-encode differently"));
        }
        return FromMessageFor(damaged, result.Error);
    }

    private static Verdict FromMessageFor(Damaged damaged, string message)
    {
        var verdict = Verdict.FromMessage(message, damaged.Expect);
        return verdict.Outcome == Outcome.Refused ? verdict : verdict with { Detail = $"{damaged.Kind}: {verdict.Detail}" };
    }
}
