namespace TinyNet.Host.Text;

/// <summary>Counts in messages: "1 epoch", "2 epochs".</summary>
public static class Plural
{
    /// <summary><paramref name="count"/> followed by <paramref name="noun"/>, with an s unless the count is 1.</summary>
    public static string Of(long count, string noun) => count == 1 ? $"{count} {noun}" : $"{count} {noun}s";
}
