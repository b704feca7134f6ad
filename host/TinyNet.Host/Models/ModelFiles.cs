using TinyNet.Host.Files;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Host.Models;

/// <summary>
/// Model files (.tnn) on disk: writes them all or nothing (temporary file, then rename), never
/// with a weight that is not a finite number, and reads them back with one-line errors.
/// </summary>
public static class ModelFiles
{
    /// <summary>Fails early, before any training, when <paramref name="path"/> cannot be written.</summary>
    public static void CheckWritable(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError("--out needs a file name, such as model.tnn", 2);
        if (Directory.Exists(path)) throw new UserError($"--out {path} is a folder; give a file name such as {Path.Combine(path, "model.tnn")}", 2);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null && !Directory.Exists(folder)) throw new UserError($"cannot write {path}: the folder {folder} does not exist", 2);
        if (folder != null) OutputFolder.CheckWritable(folder, $"cannot write {path}");
    }

    /// <summary>
    /// Writes a trained network as a float32 model named <paramref name="name"/>; returns the file's
    /// size in bytes. A weight that is not a finite number (training diverged) is refused with what to do.
    /// </summary>
    public static long Save(Network network, string name, string path) => Save(network, name, null, path);

    /// <summary>As <see cref="Save(Network, string, string)"/>, naming the classes (one per output, or null).</summary>
    public static long Save(Network network, string name, string[]? classNames, string path)
    {
        Model model = ModelConvert.FromNetwork(network, name, classNames);
        for (int i = 0; i < model.LayerCount; i++)
        {
            float[] weights = model.Layer(i).Weights;
            for (int w = 0; w < weights.Length; w++)
                if (!float.IsFinite(weights[w])) throw new UserError($"layer {i + 1} has a weight that is not a finite number ({weights[w]}); lower --lr and train again; no model was written");
        }
        return Save(model, path);
    }

    /// <summary>Writes a model all or nothing (temporary file, then rename); returns the file's size in bytes.</summary>
    public static long Save(Model model, string path)
    {
        CheckWritable(path);
        string? problem = ModelFile.Check(model);
        if (problem != null) throw new UserError($"not writing {path}: {problem}");
        byte[] bytes = ModelFile.Write(model);
        WriteAtomically(bytes, path);
        return bytes.Length;
    }

    /// <summary>Writes a model file's bytes all or nothing (temporary file, then rename).</summary>
    public static void WriteAtomically(byte[] bytes, string path)
    {
        CheckWritable(path);
        AtomicFile.Write(path, temp => File.WriteAllBytes(temp, bytes), e => $"cannot write {path}: {OutputFolder.Reason(e)}; no model was written");
    }

    /// <summary>
    /// The largest model file read: far above any model trained here (the virtual board takes 4 MB),
    /// so that a wrong file such as a disk image is refused instead of filling memory.
    /// </summary>
    public const long MaxFileBytes = 256L << 20;

    /// <summary>Reads and checks a model file; any problem is a <see cref="UserError"/> naming the file.</summary>
    public static Model Load(string path) => Load(path, out _);

    /// <summary>As <see cref="Load(string)"/>, also giving the file's bytes as read (for an upload or a CRC).</summary>
    public static Model Load(string path, out byte[] bytes)
    {
        bytes = InputFile.ReadBytes(path, MaxFileBytes, "a model file (.tnn)");
        ModelReadResult result = ModelFile.Read(bytes, bytes.Length);
        if (!result.Succeeded) throw new UserError($"{path} is not a valid model file: {result.Error}");
        return result.Model;
    }
}
