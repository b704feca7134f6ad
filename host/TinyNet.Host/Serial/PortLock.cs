using TinyNet.Host.Files;

namespace TinyNet.Host.Serial;

/// <summary>
/// One tinynet command at a time on a serial port. Two programs reading one serial line steal each
/// other's replies: a `tinynet flash` still running (e.g. the app behind a killed `dotnet run`, or a
/// wrapper script's child) would make the next command's HELLO go unanswered for seconds. The lock
/// is an <see cref="ExclusiveFile"/> in the temp folder.
/// </summary>
public sealed class PortLock : IDisposable
{
    private readonly FileStream _file;

    private PortLock(FileStream file) => _file = file;

    /// <summary>Takes the lock for <paramref name="port"/>, waiting up to <paramref name="timeout"/> for another command to finish with it.</summary>
    public static PortLock Take(string port, TimeSpan timeout)
    {
        string name = "tinynet-port-" + string.Concat(Path.GetFullPath(port).Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')) + ".lock";
        string path = Path.Combine(Path.GetTempPath(), name);
        try
        {
            return new PortLock(ExclusiveFile.Take(path, timeout));
        }
        catch (IOException)
        {
            throw new UserError($"{port} is in use by another tinynet command (still running after {timeout.TotalSeconds:F0} s); wait for it to finish or stop it");
        }
    }

    public void Dispose() => _file.Dispose();
}
