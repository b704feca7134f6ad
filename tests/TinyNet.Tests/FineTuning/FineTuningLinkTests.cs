using TinyNet.Board;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Kernels;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Tests.Link;

namespace TinyNet.Tests.FineTuning;

/// <summary>The fine-tuning requests over the in-memory link (stepped rig: deterministic, timeouts cost no time).</summary>
public sealed class FineTuningLinkTests
{
    private const int Inputs = 784;
    private static readonly byte[] OldFile = ModelFile.Write(Quantizer.Quantize(FineTuningModels.Float(Inputs, 16, 10, seed: 21)));
    private static readonly byte[] Pixels = FineTuningModels.Pixels(6, Inputs, seed: 22);

    private static LinkRig RigWithModel()
    {
        var store = new MemoryModelStore(64 * 1024);
        store.SetActive(OldFile, OldFile.Length);
        return new LinkRig(store);
    }

    private static void Train(LinkClient client, int samples)
    {
        for (int n = 0; n < samples; n++) client.TrainSample(Pixels, n * Inputs, Inputs, n % 10, 0.5f);
    }

    private static byte[] Active(MemoryModelStore store)
    {
        var file = new byte[store.ActiveLength];
        store.ReadActive(0, file, 0, file.Length);
        return file;
    }

    [Theory]
    [InlineData(10, Inputs, 0.1f, "label 10")]
    [InlineData(255, Inputs, 0.1f, "label 255")]
    [InlineData(3, Inputs - 1, 0.1f, "783 pixels")]
    [InlineData(3, Inputs + 1, 0.1f, "785 pixels")]
    [InlineData(3, Inputs, 0f, "learning rate")]
    [InlineData(3, Inputs, float.NaN, "learning rate")]
    public void A_bad_TRAIN_SAMPLE_is_refused_with_a_reason(int label, int count, float learningRate, string reason)
    {
        using var rig = RigWithModel();
        var pixels = new byte[count];
        var e = Assert.Throws<LinkException>(() => rig.Client.TrainSample(pixels, 0, count, label, learningRate));
        Assert.Equal(ErrorCode.BadSample, e.Code);
        Assert.Contains(reason, e.Message);
        Assert.Equal(MessageType.Prediction, Prediction.Read(PredictOnce(rig)) is null ? 0 : MessageType.Prediction); // the board keeps serving
    }

    private static PayloadReader PredictOnce(LinkRig rig)
    {
        rig.Client.Predict(Pixels, 0, Inputs);
        return rig.Client.Decoder.Payload();
    }

    [Fact]
    public void PREDICT_answers_with_the_adapted_model_until_REVERT()
    {
        using var rig = RigWithModel();
        Model stored = ModelFile.Read(OldFile, OldFile.Length).Model;
        var host = new Predictor(stored, new ScalarKernels());
        host.Predict(Pixels, 0);
        float[] storedScores = (float[])host.Scores.Clone();
        Assert.Equal(storedScores, rig.Client.Predict(Pixels, 0, Inputs).Scores);

        for (int round = 0; round < 5; round++) Train(rig.Client, 6);
        Prediction adapted = rig.Client.Predict(Pixels, 0, Inputs);
        Assert.NotEqual(storedScores, adapted.Scores);
        Assert.Equal(0, adapted.Class); // sample 0 was labelled 0 thirty times over

        EpochResult epoch = rig.Client.TrainEpoch(0.5f);
        Assert.Equal(30, epoch.Samples);          // every sample sent is kept (the esp32 profile keeps 32)
        Assert.True(epoch.Correct >= 27, $"{epoch.Correct} of 30 right after five passes");

        rig.Client.Revert();
        Assert.Equal(storedScores, rig.Client.Predict(Pixels, 0, Inputs).Scores);
        var e = Assert.Throws<LinkException>(() => rig.Client.TrainEpoch(0.5f));
        Assert.Equal(ErrorCode.NothingToTrain, e.Code);
        e = Assert.Throws<LinkException>(() => rig.Client.Keep());
        Assert.Equal(ErrorCode.NothingToTrain, e.Code);
    }

    [Fact]
    public void KEEP_makes_the_adapted_model_the_active_one_and_it_survives_a_reboot()
    {
        using var rig = RigWithModel();
        Train(rig.Client, 6);
        Prediction adapted = rig.Client.Predict(Pixels, 0, Inputs);
        rig.Client.Keep();
        byte[] kept = Active(rig.Store);
        Assert.NotEqual(OldFile, kept);
        Assert.Equal(OldFile.Length, kept.Length);   // int8 stays int8: same size
        Model model = ModelFile.Read(kept, kept.Length).Model;
        Assert.True(model.Layer(1).IsQuantized);
        rig.Reboot();
        Assert.Equal(LinkClient.ModelCrcOf(kept, kept.Length), rig.Client.Hello().ModelCrc);
        var host = new Predictor(model, new ScalarKernels());
        Prediction p = rig.Client.Predict(Pixels, 0, Inputs);
        Assert.Equal(host.Predict(Pixels, 0), p.Class);
        Assert.Equal(host.Scores, p.Scores);
        Assert.Equal(adapted.Class, p.Class);  // re-quantizing the output layer keeps the answer here
    }

    /// <summary>
    /// ≥ 200 seeded cuts during KEEP: half cut the board's power after a random number of store
    /// write steps, half cut the cable one way or the other. The board must always boot with a
    /// loadable model that is exactly the old one or exactly the adapted one.
    /// </summary>
    [Fact]
    public void A_cut_during_KEEP_leaves_the_old_or_the_new_model_never_a_broken_one()
    {
        byte[] newFile;
        long keepSteps;
        using (var clean = RigWithModel())
        {
            Train(clean.Client, 4);
            long before = clean.Store.Steps;
            clean.Client.Keep();
            keepSteps = clean.Store.Steps - before;
            newFile = Active(clean.Store);
        }
        Assert.True(keepSteps > OldFile.Length);
        uint oldCrc = LinkClient.ModelCrcOf(OldFile, OldFile.Length), newCrc = LinkClient.ModelCrcOf(newFile, newFile.Length);
        Assert.NotEqual(oldCrc, newCrc);

        var random = new Random(20261202);
        int keptOld = 0, gotNew = 0;
        const int trials = 240;
        for (int trial = 0; trial < trials; trial++)
        {
            using var rig = RigWithModel();
            rig.Client.MaxAttempts = 2;
            Train(rig.Client, 4);
            switch (trial % 4)
            {
                case 0:
                case 1: rig.Store.CutPowerAfter(trial % 8 == 0 ? keepSteps - random.Next(3) : random.NextInt64(keepSteps + 1)); break;
                case 2: rig.HostEnd.CutAfterBytes = random.Next(12); break;      // the KEEP request is cut or not
                default: rig.BoardEnd.CutAfterBytes = random.Next(8); break;     // the board's answer is lost
            }
            try
            {
                rig.Client.Keep();
            }
            catch (LinkException)
            {
                // Silence after a cut, or the board's refusal when its store lost power mid-write
                // (the read-back CRC differs): either way the host does not learn of a new model.
            }
            rig.HostEnd.CutAfterBytes = -1;
            rig.BoardEnd.CutAfterBytes = -1;
            rig.Reboot();
            Assert.True(rig.Session.HasModel, $"trial {trial}: {rig.Session.ModelStatus}");
            byte[] active = Active(rig.Store);
            if (active.AsSpan().SequenceEqual(OldFile)) keptOld++;
            else if (active.AsSpan().SequenceEqual(newFile)) gotNew++;
            else Assert.Fail($"trial {trial}: the board holds a model that is neither the old nor the adapted one");
            Assert.Equal(LinkClient.ModelCrcOf(active, active.Length), rig.Client.Hello().ModelCrc);
        }
        Assert.Equal(trials, keptOld + gotNew);
        Assert.True(keptOld > 20 && gotNew > 20, $"old {keptOld}, new {gotNew}: the cuts should land on both sides of the commit");
    }

    [Fact]
    public void PULL_resumes_after_a_cut_and_checks_the_CRC()
    {
        using var rig = RigWithModel();
        var pull = new ModelPull();
        rig.HostEnd.CutAfterBytes = 5 * 20;   // a few PULL requests get through, then the cable is cut
        rig.Client.MaxAttempts = 2;
        Assert.Throws<LinkException>(() => pull.Continue(rig.Client));
        int before = pull.Received;
        Assert.True(before > 0 && before < OldFile.Length, $"received {before} of {OldFile.Length} before the cut");
        rig.HostEnd.CutAfterBytes = -1;
        byte[] file = pull.Continue(rig.Client);
        Assert.Equal(OldFile, file);
        // Resumed, not restarted: the chunks after the cut cover only what was missing.
        int chunk = LinkProtocol.MaxPayload - PullChunk.HeaderBytes;
        Assert.Equal((OldFile.Length + chunk - 1) / chunk, pull.Chunks);
    }

    [Fact]
    public void PULL_past_the_end_or_without_a_model_is_refused()
    {
        using var rig = RigWithModel();
        var e = Assert.Throws<LinkException>(() => rig.Client.Pull(OldFile.Length + 1));
        Assert.Equal(ErrorCode.BadPull, e.Code);
        using var empty = new LinkRig();
        e = Assert.Throws<LinkException>(() => empty.Client.Pull(0));
        Assert.Equal(ErrorCode.BadPull, e.Code);
        Assert.Contains("flash one first", e.Message);
    }
}
