namespace TinyNet.Fuzz.Hostile;

/// <summary>What a parser did with one damaged input.</summary>
public enum Outcome
{
    /// <summary>Refused with a one-line message (and, for planted damage, the expected phrase).</summary>
    Refused,
    /// <summary>Accepted, and rightly so: the bytes still form a valid input (only possible where the format has no checksum, e.g. a flipped IDX pixel).</summary>
    StillValid,
    /// <summary>Refused, but the message is empty, multi-line, or misses the phrase the planted damage calls for.</summary>
    VagueMessage,
    /// <summary>Threw something other than the parser's own refusal.</summary>
    Crash,
    /// <summary>Accepted bytes that differ from every valid file that was damaged, or returned content other than the bytes say.</summary>
    WrongAcceptance,
    /// <summary>Refused an input that is valid by the format's description.</summary>
    WrongRefusal,
    /// <summary>Allocated more than the input's size justifies.</summary>
    OverAllocation,
}

/// <summary>One trial's outcome and, when it is not a plain refusal, what happened.</summary>
public sealed record Verdict(Outcome Outcome, string Detail)
{
    /// <summary>True for the outcomes a correct parser produces.</summary>
    public bool IsGood => Outcome is Outcome.Refused or Outcome.StillValid;

    public override string ToString() => $"{Outcome}: {Detail}";

    /// <summary>Judges a refusal message: present, one line, holding <paramref name="expect"/> when given.</summary>
    public static Verdict FromMessage(string message, string? expect)
    {
        if (string.IsNullOrWhiteSpace(message) || message.Contains('\n'))
            return new Verdict(Outcome.VagueMessage, $"message '{message}'");
        if (!string.IsNullOrEmpty(expect) && !message.Contains(expect, StringComparison.Ordinal))
            return new Verdict(Outcome.VagueMessage, $"message '{message}' does not say '{expect}'");
        return new Verdict(Outcome.Refused, message);
    }
}
