using CsCheck;
using TinyNet.Activations;
using TinyNet.Checksums;
using TinyNet.Fuzz.Hostile;
using TinyNet.Layers;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Fuzz.Targets;

/// <summary>
/// Valid seed inputs for each fuzz target, small (AFL++ works best with seeds under a few KB):
/// random valid models, IDX image and label files, link frames, and a session script that says
/// hello, uploads and commits a model, predicts and walks a lesson.
/// </summary>
public static class SeedCorpus
{
    /// <summary>Writes the seeds to <paramref name="folder"/>/{model,idx,link,session}; returns the count per target.</summary>
    public static Dictionary<string, int> Write(string folder)
    {
        var counts = new Dictionary<string, int>();
        foreach (var (target, files) in Seeds())
        {
            string dir = Path.Combine(folder, target);
            Directory.CreateDirectory(dir);
            for (int i = 0; i < files.Count; i++) File.WriteAllBytes(Path.Combine(dir, $"seed-{i:D3}"), files[i]);
            counts[target] = files.Count;
        }
        return counts;
    }

    /// <summary>The seeds, per target name.</summary>
    public static IEnumerable<(string Target, List<byte[]> Files)> Seeds()
    {
        var models = new List<byte[]> { ModelFile.Write(SmallModel()) };
        ModelGen.File.Sample(f => { if (f.Length <= 2048) lock (models) models.Add(f); }, iter: 24, threads: 1);
        yield return ("model", models);

        yield return ("idx", [
            IdxGen.LabelsFile([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]),
            IdxGen.LabelsFile([]),
            IdxGen.ImagesFile(1, 28, 28, Enumerable.Range(0, IdxGen.Pixels).Select(i => (byte)(i * 7)).ToArray()),
            IdxGen.ImagesFile(0, 28, 28, []),
        ]);

        var frames = new List<byte[]>();
        LinkGen.Frame.Sample(f => { lock (frames) frames.Add(f.Wire()); }, iter: 12, threads: 1);
        frames.Add([.. new LinkFrame(1, 1, [1]).Wire(), .. new LinkFrame(0x81, 1, new byte[300]).Wire()]);
        yield return ("link", frames.Where(f => f.Length <= 2048).ToList());

        yield return ("session", [SessionScript(), Request(MessageType.Hello, 1, [LinkProtocol.Version])]);
    }

    /// <summary>A 3-2-2 model with one int8 and one float layer and named classes: every section of the format in under 100 bytes.</summary>
    public static Model SmallModel()
    {
        var hidden = new ModelLayer(3, 2, Activation.TanhCode, WeightType.Int8, true);
        hidden.QuantizedWeights[0] = 5; hidden.QuantizedWeights[5] = -127;
        hidden.Scales[0] = 0.5f; hidden.Scales[1] = 0.25f;
        hidden.Biases[1] = -1.5f;
        var output = new ModelLayer(2, 2, Activation.SoftmaxCode, WeightType.Float32, true);
        output.Weights[0] = 1.25f; output.Weights[3] = -3f;
        return new Model("seed", [hidden, output], ["left", "right"]);
    }

    /// <summary>The requests of a whole session, as the session target reads them (type, seq, length, payload).</summary>
    public static byte[] SessionScript()
    {
        byte[] file = ModelFile.Write(SmallModel());
        uint crc = Crc32.Compute(file, 0, file.Length);
        var script = new List<byte>();
        int seq = 1;
        script.AddRange(Request(MessageType.Hello, seq++, [LinkProtocol.Version]));
        script.AddRange(Request(MessageType.UploadBegin, seq++, [.. BitConverter.GetBytes((uint)file.Length), .. BitConverter.GetBytes(crc), 0]));
        for (int at = 0; at < file.Length; at += 40)
        {
            script.AddRange(Request(MessageType.UploadChunk, seq++, [.. BitConverter.GetBytes((uint)at), .. file.AsSpan(at, Math.Min(40, file.Length - at))]));
        }
        script.AddRange(Request(MessageType.UploadCommit, seq++, []));
        script.AddRange(Request(MessageType.Predict, seq++, [1, 2, 3]));
        script.AddRange(Request(MessageType.PredictValues, seq++, [.. BitConverter.GetBytes(0.5f), .. BitConverter.GetBytes(-2f), .. BitConverter.GetBytes(7f)]));
        script.AddRange(Request(MessageType.LessonStart, seq++, [6, 0, .. "neuron"u8, 0, 0, 0, 0, 0, 0, 0, 0]));
        for (int i = 0; i < 3; i++) script.AddRange(Request(MessageType.LessonNext, seq++, []));
        script.AddRange(Request(MessageType.LessonStop, seq++, []));
        return [.. script];
    }

    private static byte[] Request(int type, int seq, byte[] payload) => [(byte)type, (byte)seq, (byte)payload.Length, .. payload];
}
