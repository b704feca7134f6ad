using TinyNet.Layers;
using TinyNet.Models;
using TinyNet.Training;

namespace TinyNet.Host.Training;

/// <summary>
/// Writes a trained network as a .tnn model file: all or nothing (temporary file, then rename),
/// and never with a weight that is not a finite number; and reads one back with one-line errors.
/// </summary>
public static class ModelOutput
{
    /// <summary>Fails early, before any training, when <paramref name="path"/> cannot be written.</summary>
    public static void CheckWritable(string path)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new UserError("--out needs a file name, such as model.tnn", 2);
        if (Directory.Exists(path)) throw new UserError($"--out {path} is a folder; give a file name such as {Path.Combine(path, "model.tnn")}", 2);
        string? folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (folder != null && !Directory.Exists(folder)) throw new UserError($"cannot write {path}: the folder {folder} does not exist", 2);
    }

    /// <summary>Converts and writes the network; returns the file's size in bytes.</summary>
    public static long Save(Network network, string path) => Save(FromNetwork(network), path);

    /// <summary>Writes a model all or nothing (temporary file, then rename); returns the file's size in bytes.</summary>
    public static long Save(Model model, string path)
    {
        CheckWritable(path);
        string? problem = ModelFile.Check(model);
        if (problem != null) throw new UserError($"not writing {path}: {problem}");
        byte[] bytes = ModelFile.Write(model);
        string temp = path + ".tmp";
        try
        {
            File.WriteAllBytes(temp, bytes);
            File.Move(temp, path, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw new UserError($"cannot write {path}: {e.Message}");
        }
        return bytes.Length;
    }

    /// <summary>Reads and checks a model file; any problem is a <see cref="UserError"/> naming the file.</summary>
    public static Model Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserError($"{path} does not exist");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"cannot read {path}: {e.Message}");
        }
        ModelReadResult result = ModelFile.Read(bytes, bytes.Length);
        if (!result.Succeeded) throw new UserError($"{path} is not a valid model file: {result.Error}");
        return result.Model;
    }

    private static Model FromNetwork(Network network)
    {
        var layers = new ModelLayer[network.LayerCount];
        for (int i = 0; i < layers.Length; i++)
        {
            var d = (DenseLayer)network.Layer(i);
            for (int w = 0; w < d.Weights.Length; w++)
                if (!float.IsFinite(d.Weights[w])) throw new UserError($"layer {i + 1} has a weight that is not a finite number ({d.Weights[w]}); lower --lr and train again; no model was written");
            var layer = new ModelLayer(d.Inputs, d.Neurons, d.Activation.Code, WeightType.Float32, d.HasBias);
            Array.Copy(d.Weights, layer.Weights, d.Weights.Length);
            if (d.HasBias) Array.Copy(d.Biases, layer.Biases, d.Biases.Length);
            layers[i] = layer;
        }
        return new Model("mnist", layers);
    }
}
