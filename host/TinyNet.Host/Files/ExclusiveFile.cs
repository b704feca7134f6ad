using System.Diagnostics;

namespace TinyNet.Host.Files;

/// <summary>
/// A lock file held open without sharing (.NET takes an flock for FileShare.None on Linux), so the
/// kernel releases it when its holder exits, killed or not. The serial port lock and the virtual
/// board's store lock are both this.
/// </summary>
public static class ExclusiveFile
{
    /// <summary>
    /// Opens <paramref name="path"/> exclusively, retrying while another process holds it for up to
    /// <paramref name="wait"/>; after that the last <see cref="IOException"/> is thrown. Other errors
    /// (no permission) are thrown at once.
    /// </summary>
    public static FileStream Take(string path, TimeSpan wait)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (watch.Elapsed < wait)
            {
                Thread.Sleep(50);
            }
        }
    }
}
