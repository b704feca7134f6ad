using System.Diagnostics;

namespace TinyNet.Host.Serial;

/// <summary>
/// One tinynet command at a time on a serial port. Two programs reading one serial line steal each
/// other's replies: a `tinynet flash` still running (e.g. the app behind a killed `dotnet run`, or a
/// wrapper script's child) would make the next command's HELLO go unanswered for seconds. The lock
/// is a file in the temp folder, held exclusively (.NET takes an flock for FileShare.None), which
/// the kernel releases when its holder exits, killed or not.
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
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new PortLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException) when (watch.Elapsed < timeout)
            {
                Thread.Sleep(50);
            }
            catch (IOException)
            {
                throw new UserError($"{port} is in use by another tinynet command (still running after {timeout.TotalSeconds:F0} s); wait for it to finish or stop it");
            }
        }
    }

    public void Dispose() => _file.Dispose();
}
