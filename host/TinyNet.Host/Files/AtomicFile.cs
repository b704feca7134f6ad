namespace TinyNet.Host.Files;

/// <summary>
/// Writes an output file all or nothing: into FILE.tmp beside it, then renamed over FILE, so a
/// failed or interrupted write never leaves a half-written file under the real name.
/// </summary>
public static class AtomicFile
{
    /// <summary>
    /// Calls <paramref name="writeTemp"/> with the temporary path, then renames it to
    /// <paramref name="path"/>. On an I/O or permission failure the temporary file is removed and a
    /// <see cref="UserError"/> with the line <paramref name="failure"/> makes of the exception is thrown.
    /// </summary>
    public static void Write(string path, Action<string> writeTemp, Func<Exception, string> failure)
    {
        string temp = path + ".tmp";
        try
        {
            writeTemp(temp);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException) { }
            throw new UserError(failure(e));
        }
    }
}
