using TinyNet.Board;
using TinyNet.Fuzz.Hostile;
using TinyNet.Host.Board;
using TinyNet.Kernels;
using TinyNet.Link;
using TinyNet.Models;
using TinyNet.Numerics;
using TinyNet.Tests.FineTuning;

namespace TinyNet.Tests.Link;

/// <summary>
/// PREDICT_VALUES (float inputs as they are) and class names in PREDICTION: the same bits in RAM, streamed,
/// adapted and on the host; refusals of bad vectors; names kept through KEEP and PULL; no allocation per request.
/// </summary>
public sealed class PredictValuesTests
{
    private static readonly string[] Gestures = ["idle", "wave", "circle", "shake", "tap", "swipe left", "swipe right", "push", "pull", "x"];

    private static Model Named(Model model, string[]? names) =>
        new(model.Name, Enumerable.Range(0, model.LayerCount).Select(model.Layer).ToArray(), names);

    // 256 inputs (the most one PREDICT_VALUES carries) → 384 → 10, int8: its weights (98 KB) fit the esp32's
    // flash but not its heap, so that board streams them while the esp32-s3 holds them in RAM.
    private static readonly Model Wide = Named(Quantizer.Quantize(FineTuningModels.Float(256, 384, 10, seed: 5)), Gestures);

    /// <summary>A board of one profile with a model stored, driven over an in-memory pipe, stepped.</summary>
    private sealed class ProfileRig
    {
        public readonly BoardSession Session;
        public readonly LinkClient Client;
        public readonly MemoryModelStore Store;

        public ProfileRig(BoardProfile profile, byte[]? file)
        {
            var toBoard = new BytePipe();
            var toHost = new BytePipe();
            Store = new MemoryModelStore(profile.MaxModelBytes);
            if (file != null) Store.SetActive(file, file.Length);
            Session = new BoardSession(new PipeEnd(toBoard, toHost), Store, new TestClock(), "test", profile);
            Session.Boot();
            var hostEnd = new PipeEnd(toHost, toBoard);
            hostEnd.Idle = () => { while (toBoard.Available > 0) Session.RunOnce(0); };
            Client = new LinkClient(hostEnd, new TestClock()) { TimeoutMilliseconds = 1000 };
        }
    }

    private static float[] Vector(int count, uint seed)
    {
        var random = new Prng(seed);
        var values = new float[count];
        // Raw sensor-like values, a third of them zero (the streamed predictor skips all-zero blocks).
        for (int i = 0; i < count; i++) values[i] = random.NextInt(3) == 0 ? 0f : random.NextSymmetric(40f);
        return values;
    }

    [Fact]
    public void In_RAM_streamed_and_host_give_the_same_class_name_and_score_bits()
    {
        byte[] file = ModelFile.Write(Wide);
        var inRam = new ProfileRig(BoardProfile.Esp32S3, file);
        var streamed = new ProfileRig(BoardProfile.Esp32, file);
        Assert.True(inRam.Session.HasModel && streamed.Session.HasModel, inRam.Session.ModelStatus + streamed.Session.ModelStatus);
        Assert.False(inRam.Session.ModelStreamed);
        Assert.True(streamed.Session.ModelStreamed);

        var host = new Predictor(ModelFile.Read(file, file.Length).Model!, new ScalarKernels());
        var classes = new HashSet<int>();
        for (int n = 0; n < 30; n++)
        {
            float[] values = Vector(256, (uint)n + 1);
            int expected = host.Predict(values);
            foreach (var rig in new[] { inRam, streamed })
            {
                Prediction p = rig.Client.PredictValues(values, 0, values.Length);
                Assert.Equal(expected, p.Class);
                Assert.Equal(host.Scores, p.Scores);             // bit for bit
                Assert.Equal(Gestures[expected], p.ClassName);
            }
            classes.Add(expected);
        }
        Assert.True(classes.Count > 1, "every vector fell in one class: the comparison would prove little");
        Assert.Equal(60, inRam.Session.Predictions + streamed.Session.Predictions);
        int last = host.Predict(Vector(256, 30)); // the last vector sent
        Assert.Equal($"{Gestures[last]} (class {last})", inRam.Session.LastPrediction);
    }

    [Fact]
    public void A_wrong_count_or_a_non_finite_value_is_refused_and_the_board_keeps_serving()
    {
        var rig = new ProfileRig(BoardProfile.Esp32S3, ModelFile.Write(Wide));
        var e = Assert.Throws<LinkException>(() => rig.Client.PredictValues(new float[255], 0, 255));
        Assert.Equal(ErrorCode.BadInput, e.Code);
        Assert.Contains("PREDICT_VALUES sent 1020 bytes but the model takes 256 float32 values (1024 bytes)", e.Message);
        foreach (float bad in new[] { float.NaN, float.PositiveInfinity, float.NegativeInfinity })
        {
            float[] values = Vector(256, 3);
            values[4] = bad;
            e = Assert.Throws<LinkException>(() => rig.Client.PredictValues(values, 0, 256));
            Assert.Equal(ErrorCode.BadInput, e.Code);
            Assert.Contains("PREDICT_VALUES value 5 of 256 is not a finite number", e.Message);
        }
        Assert.Throws<ArgumentException>(() => rig.Client.PredictValues(new float[257], 0, 257)); // the host stops it: one frame holds 256
        Assert.Equal(10, rig.Client.PredictValues(Vector(256, 3), 0, 256).Scores.Length);

        var empty = new ProfileRig(BoardProfile.Esp32, null);
        Assert.Equal(ErrorCode.NoModel, Assert.Throws<LinkException>(() => empty.Client.PredictValues(new float[3], 0, 3)).Code);
    }

    [Fact]
    public void PREDICTION_carries_the_name_only_for_a_named_model_and_reads_without_it()
    {
        Model plain = FineTuningModels.Float(12, 8, 4, seed: 9);
        byte[] pixels = FineTuningModels.Pixels(1, 12, seed: 10);
        var unnamed = new ProfileRig(BoardProfile.Esp32, ModelFile.Write(plain));
        Prediction p = unnamed.Client.Predict(pixels, 0, 12);
        Assert.Null(p.ClassName);
        Assert.Equal($"class {p.Class}", unnamed.Session.LastPrediction);

        var named = new ProfileRig(BoardProfile.Esp32, ModelFile.Write(Named(plain, ["north", "east", "south", "west"])));
        Prediction q = named.Client.Predict(pixels, 0, 12);
        Assert.Equal(p.Class, q.Class);
        Assert.Equal(p.Scores, q.Scores);
        Assert.Equal(new[] { "north", "east", "south", "west" }[q.Class], q.ClassName);

        // The tail is optional for readers, and must be 1..255 printable bytes when present.
        Assert.Null(Read([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0])!.ClassName);
        Assert.Equal("up", Read([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 2, (byte)'u', (byte)'p'])!.ClassName);
        Assert.Null(Read([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0]));
        Assert.Null(Read([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 2, (byte)'u', 27]));
        Assert.Null(Read([1, 2, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 3, (byte)'u', (byte)'p']));
    }

    private static Prediction? Read(byte[] payload)
    {
        var r = new PayloadReader();
        r.Reset(payload, 0, payload.Length);
        return Prediction.Read(r);
    }

    [Fact]
    public void PREDICT_VALUES_runs_the_adaptation_while_there_is_one_and_KEEP_and_PULL_keep_the_names()
    {
        string[] names = ["north", "east", "south", "west"];
        Model model = Named(FineTuningModels.Float(12, 8, 4, seed: 9), names);
        byte[] pixels = FineTuningModels.Pixels(4, 12, seed: 11);
        var rig = new ProfileRig(BoardProfile.Esp32, ModelFile.Write(model));
        var host = new Predictor(model, new ScalarKernels());
        // The float values PREDICT would make of the pixels (x / 255): both requests must then agree bit for bit.
        float[] values = pixels.Take(12).Select(b => b * Predictor.PixelScale).ToArray();
        host.Predict(values);
        Assert.Equal(host.Scores, rig.Client.PredictValues(values, 0, 12).Scores);

        for (int round = 0; round < 8; round++)
            for (int n = 0; n < 4; n++) rig.Client.TrainSample(pixels, n * 12, 12, (n + 1) % 4, 0.5f);
        Prediction adapted = rig.Client.PredictValues(values, 0, 12);
        Assert.NotEqual(host.Scores, adapted.Scores);
        Assert.Equal(rig.Client.Predict(pixels, 0, 12).Scores, adapted.Scores);
        Assert.Equal(names[adapted.Class], adapted.ClassName);

        rig.Client.Keep();
        Assert.Equal(names, rig.Session.Model!.ClassNames);
        Assert.Equal(adapted.Scores, rig.Client.PredictValues(values, 0, 12).Scores);
        byte[] pulled = new ModelPull().Continue(rig.Client);
        Assert.Equal(names, ModelFile.Read(pulled, pulled.Length).Model!.ClassNames);
    }

    [Fact]
    public void PREDICT_VALUES_allocates_nothing_on_the_board()
    {
        foreach (BoardProfile profile in new[] { BoardProfile.Esp32S3, BoardProfile.Esp32 }) // in RAM, then streamed
        {
            var channel = new ScriptChannel();
            var session = new BoardSession(channel, StoreWith(ModelFile.Write(Wide)), new StillClock(), "test", profile);
            session.Boot();
            var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
            var frames = new byte[20][];
            for (int n = 0; n < frames.Length; n++)
            {
                PayloadWriter w = encoder.Begin();
                foreach (float v in Vector(256, (uint)n + 100)) w.F32(v);
                frames[n] = encoder.Output[..encoder.Finish(MessageType.PredictValues, n + 1)];
            }
            Send(channel, session, frames[0]); // warm up
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int n = 1; n < frames.Length; n++) Send(channel, session, frames[n]);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(20, channel.RepliesByType[MessageType.Prediction]);
            Assert.Equal(20, channel.NamedPredictions);
            Assert.Equal(0, channel.BadReplies);
            Assert.True(allocated == 0, $"{profile.Name}: {allocated} bytes allocated by 19 PREDICT_VALUES");
        }
    }

    private static MemoryModelStore StoreWith(byte[] file)
    {
        var store = new MemoryModelStore(256 * 1024);
        store.SetActive(file, file.Length);
        return store;
    }

    private static void Send(ScriptChannel channel, BoardSession session, byte[] frame)
    {
        channel.Load(frame, 0, frame.Length);
        while (channel.Remaining > 0) session.RunOnce(0);
    }
}
