using TinyNet.Activations;
using TinyNet.Board;
using TinyNet.Layers;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Numerics;

namespace TinyNet.Fuzz.Hostile;

/// <summary>What a series of cut-the-cable / cut-the-power trials during an upload left behind.</summary>
public sealed record CutReport(int Trials, int CableCuts, int PowerCuts, int WithoutLoadableModel, int KeptOld, int GotNew,
    int Mixed, int ReuploadFailures, int Resumed, long HostBytes, long StoreSteps, List<string> Failures);

/// <summary>
/// Uploads a new model over an old one and cuts the cable (host bytes) or the board's power (store
/// write steps) at a random point, then checks that the board — still running, and after a reboot —
/// has a loadable model that is exactly the old or the new one, and that plugging back in finishes
/// the upload.
/// </summary>
public static class CutTrials
{
    private const int MaxModelBytes = 64 * 1024;

    /// <summary>Runs <paramref name="trials"/> cuts, half cable and half power; every fourth near the end (around the commit).</summary>
    public static CutReport Run(int trials, uint seed)
    {
        byte[] oldFile = ModelFile.Write(MnistShaped("old-model", 1));
        byte[] newFile = ModelFile.Write(MnistShaped("new-model", 2));

        // A clean run: how many bytes the host sends and how many write steps the store takes.
        var clean = new CableRig(WithActive(oldFile), MaxModelBytes);
        clean.Client.Upload(newFile, newFile.Length, null);
        long hostBytes = clean.HostBytes, storeSteps = clean.Store.Steps;

        var rng = new Random((int)seed);
        int cable = 0, power = 0, without = 0, keptOld = 0, gotNew = 0, mixed = 0, reuploadFailures = 0, resumed = 0;
        var failures = new List<string>();
        for (int trial = 0; trial < trials; trial++)
        {
            var rig = new CableRig(WithActive(oldFile), MaxModelBytes);
            bool cutCable = trial % 2 == 0, nearEnd = trial / 2 % 4 == 0;
            if (cutCable)
            {
                cable++;
                rig.CutAfterHostBytes = nearEnd ? Math.Max(0, hostBytes - 1 - rng.Next(60)) : rng.NextInt64(hostBytes);
            }
            else
            {
                power++;
                rig.Store.CutPowerAfter(nearEnd ? Math.Max(0, storeSteps - rng.Next(4)) : rng.NextInt64(storeSteps + 1));
            }
            try
            {
                rig.Client.Upload(newFile, newFile.Length, null);
            }
            catch (LinkException e) when (e.IsTimeout)
            {
                // A cut is silence: the host gives up after its retries.
            }

            // The board as it runs (a cable cut leaves it powered), then after a power cycle.
            string? problem = cutCable ? Check(rig.Session, oldFile, newFile) : null;
            rig.Reboot();
            problem ??= Check(rig.Session, oldFile, newFile);
            if (problem != null)
            {
                if (problem.StartsWith("mixed")) mixed++; else without++;
                if (failures.Count < 5) failures.Add($"trial {trial} ({(cutCable ? "cable" : "power")}): {problem}");
            }
            else if (rig.Session.Model!.Name == "old-model") keptOld++;
            else gotNew++;

            rig.Replug();
            try
            {
                UploadResult again = rig.Client.Upload(newFile, newFile.Length, null);
                if (again.ResumedFrom > 0) resumed++;
                if (rig.Session.Model?.Name != "new-model") throw new LinkException("the re-upload did not take", 0, false);
            }
            catch (LinkException e)
            {
                reuploadFailures++;
                if (failures.Count < 5) failures.Add($"trial {trial}: re-upload failed: {e.Message}");
            }
        }
        return new CutReport(trials, cable, power, without, keptOld, gotNew, mixed, reuploadFailures, resumed, hostBytes, storeSteps, failures);
    }

    // Null when the board holds exactly the old or the new model, else what is wrong.
    private static string? Check(BoardSession session, byte[] oldFile, byte[] newFile)
    {
        if (!session.HasModel) return "no loadable model: " + session.ModelStatus;
        byte[] loaded = ModelFile.Write(session.Model!);
        if (loaded.AsSpan().SequenceEqual(oldFile) || loaded.AsSpan().SequenceEqual(newFile)) return null;
        return "mixed: the loaded model is neither the old nor the new one";
    }

    private static MemoryModelStore WithActive(byte[] file)
    {
        var store = new MemoryModelStore(MaxModelBytes);
        store.SetActive(file, file.Length);
        return store;
    }

    /// <summary>784 → 16 (int8, tanh) → 10 (float32, softmax), seeded: the shape the board runs for MNIST (~13 KB).</summary>
    public static Model MnistShaped(string name, uint seed)
    {
        var rng = new Prng(seed);
        var hidden = new ModelLayer(784, 16, Activation.TanhCode, WeightType.Int8, true);
        for (int i = 0; i < hidden.QuantizedWeights.Length; i++) hidden.QuantizedWeights[i] = (sbyte)(rng.NextInt(255) - 127);
        for (int j = 0; j < 16; j++)
        {
            hidden.Scales[j] = 0.001f + rng.NextFloat() * 0.01f;
            hidden.Biases[j] = rng.NextSymmetric(0.5f);
        }
        var output = new ModelLayer(16, 10, Activation.SoftmaxCode, WeightType.Float32, true);
        for (int i = 0; i < output.Weights.Length; i++) output.Weights[i] = rng.NextSymmetric(1f);
        return new Model(name, [hidden, output]);
    }
}
