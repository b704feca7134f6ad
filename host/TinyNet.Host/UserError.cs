namespace TinyNet.Host;

/// <summary>
/// A failure the user can fix (bad file, missing data, unreachable port): the CLI prints its
/// message as the one line the user sees, without a stack trace, and exits with <see cref="ExitCode"/>.
/// </summary>
public sealed class UserError(string message, int exitCode = 1) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
