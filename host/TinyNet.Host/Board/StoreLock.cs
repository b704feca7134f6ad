using TinyNet.Host.Files;

namespace TinyNet.Host.Board;

/// <summary>
/// The virtual board's model store on the host: created if needed, checked writable, and locked
/// for as long as the board runs, so a second board on the same folder is refused at start instead
/// of two boards overwriting each other's upload.
/// </summary>
public sealed class StoreLock : IDisposable
{
    /// <summary>The lock file inside the store; held open without sharing (flock on Linux) while a board runs.</summary>
    public const string LockName = ".lock";

    private const string Remedy = "give a writable folder with 'tinynet board --store DIR', or set XDG_DATA_HOME";

    private readonly FileStream _lock;

    private StoreLock(FileStream lockFile) => _lock = lockFile;

    /// <summary>Prepares <paramref name="folder"/> for a board and locks it; any problem is a one-line <see cref="UserError"/>.</summary>
    public static StoreLock Open(string folder)
    {
        if (File.Exists(folder)) throw new UserError($"the board's model store {folder} is a file, not a folder; {Remedy}", 2);
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot create the board's model store {folder} ({OutputFolder.Reason(e)}); {Remedy}");
        }
        OutputFolder.CheckWritable(folder, $"the board's model store {folder}");
        string path = Path.Combine(folder, LockName);
        try
        {
            return new StoreLock(ExclusiveFile.Take(path, WaitForOther));
        }
        catch (IOException)
        {
            throw new UserError($"the board's model store {folder} is in use by another virtual board (tinynet board, or a command without --port); stop that one, or give this one another --store");
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserError($"cannot lock the board's model store {folder} ({OutputFolder.Reason(e)}); {Remedy}");
        }
    }

    // A command that ends in a moment (tinynet info without --port) may hold the store briefly:
    // wait a little for it before calling the store in use.
    private static readonly TimeSpan WaitForOther = TimeSpan.FromSeconds(3);

    public void Dispose() => _lock.Dispose();
}
