namespace TinyNet.Host.Files;

/// <summary>
/// Checks, before any long work, that a folder can really be written: it exists, is a folder, and a
/// file can be created in it (a read-only folder or mount, or missing permission, is found here,
/// not after minutes of training).
/// </summary>
public static class OutputFolder
{
    /// <summary>Throws a <see cref="UserError"/> naming <paramref name="option"/> when <paramref name="folder"/> cannot take a new file.</summary>
    public static void CheckWritable(string folder, string option)
    {
        if (File.Exists(folder)) throw new UserError($"{option}: {folder} is a file, not a folder", 2);
        if (!Directory.Exists(folder)) throw new UserError($"{option}: the folder {folder} does not exist", 2);
        string probe = Path.Combine(folder, $".tinynet-write-check-{Environment.ProcessId}");
        try
        {
            using (new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose)) { }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{option}: cannot write in {folder} ({Reason(e)}); choose a folder you can write to");
        }
    }

    /// <summary>Why a write failed, in the words a user knows.</summary>
    public static string Reason(Exception e) => e switch
    {
        UnauthorizedAccessException => "permission denied or read-only",
        IOException io when io.HResult == 28 || io.Message.Contains("No space", StringComparison.OrdinalIgnoreCase) => "the disk is full",
        IOException io when io.HResult == 30 || io.Message.Contains("Read-only", StringComparison.OrdinalIgnoreCase) => "read-only file system",
        _ => e.Message.TrimEnd('.'),
    };
}
