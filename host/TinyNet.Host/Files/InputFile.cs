namespace TinyNet.Host.Files;

/// <summary>
/// Reads a file the user named (a model, an ONNX file) with one-line errors: a folder, a missing
/// file, a device file such as /dev/zero or /dev/urandom, a file without read permission and a
/// file larger than anything sensible are each refused with what is wrong, never read without end.
/// </summary>
public static class InputFile
{
    /// <summary>
    /// The bytes of <paramref name="path"/>, at most <paramref name="maxBytes"/>. <paramref name="kind"/>
    /// names what was expected in messages ("a model file (.tnn)").
    /// </summary>
    public static byte[] ReadBytes(string path, long maxBytes, string kind)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError($"no file name given; give {kind}", 2);
        if (Directory.Exists(path)) throw new UserError($"{path} is a folder; give {kind}");
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            // A device file reports no length (or a meaningless one) and never ends: only a
            // regular file gives back exactly as many bytes as it says it holds.
            long declared = stream.Length;
            if (declared > maxBytes)
                throw new UserError($"{path} is {declared} bytes, more than {Describe(maxBytes)}; it cannot be {kind}");
            byte[] bytes = new byte[declared];
            int read = 0;
            while (read < bytes.Length)
            {
                int n = stream.Read(bytes, read, bytes.Length - read);
                if (n == 0) throw new UserError($"{path} ended after {read} of its {declared} bytes while being read; is it being written to?");
                read += n;
            }
            if (stream.Read(new byte[1], 0, 1) > 0)
                throw new UserError($"{path} is not a regular file (a device or a pipe gives bytes without end); give {kind}");
            return bytes;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserError($"{path} does not exist");
        }
        catch (UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: permission denied; check its permissions (ls -l {path})");
        }
        catch (IOException e)
        {
            throw new UserError($"cannot read {path}: {e.Message.TrimEnd('.')}");
        }
    }

    private static string Describe(long bytes) =>
        bytes >= 1 << 20 ? $"{bytes >> 20} MB" : bytes >= 1 << 10 ? $"{bytes >> 10} KB" : $"{bytes} bytes";
}
