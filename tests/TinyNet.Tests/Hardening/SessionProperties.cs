using CsCheck;
using TinyNet.Fuzz.Hostile;
using TinyNet.Link;
using Xunit.Abstractions;

namespace TinyNet.Tests.Hardening;

/// <summary>
/// The board session under hostile request sequences, checked step by step against a small model
/// of the protocol (SessionDriver). Complements Link/HostileSessionTests, which walks one fixed
/// script of out-of-order requests and serves noise: here the order, the payloads and the mix are
/// random, and memory is measured across 10,000 hostile frames (alone, not beside other tests,
/// since live memory is a process-wide figure).
/// </summary>
[Collection(MemoryMeasurements.Name)]
public class SessionProperties(ITestOutputHelper output)
{
    [Fact]
    public void RandomHostileSequencesGetTheRightErrorsAndTheBoardKeepsServing()
    {
        SessionOps.Any.Array[1, 60].Sample(ops =>
        {
            var driver = new SessionDriver();
            foreach (var op in ops)
            {
                string? problem = driver.Apply(op);
                Assert.True(problem == null, problem);
            }
            // Still serving: a good upload after all that goes through.
            Assert.Null(driver.GoodUpload());
        }, iter: Cases.Count / 4, print: ops => string.Join(" | ", ops.Select(o => $"{o.Kind}:{o.Type}:{o.Payload.Length}")));
    }

    [Fact]
    public void WrongOrderRequestsGetTheirErrorCodes()
    {
        var driver = new SessionDriver();
        Assert.Null(driver.Apply(new SessionOp("chunk before begin", MessageType.UploadChunk, new byte[10])));
        Assert.Equal(ErrorCode.NoUpload, driver.Channel.LastErrorCode);
        Assert.Null(driver.Apply(new SessionOp("predict with no model", MessageType.Predict, new byte[3])));
        Assert.Equal(ErrorCode.NoModel, driver.Channel.LastErrorCode);
        Assert.Null(driver.Apply(new SessionOp("larger than the store", MessageType.UploadBegin, [.. BitConverter.GetBytes(SessionOps.MaxModelBytes + 1), 0, 0, 0, 0, 0])));
        Assert.Equal(ErrorCode.UploadTooLarge, driver.Channel.LastErrorCode);
        Assert.Null(driver.GoodUpload());
        Assert.Null(driver.Apply(new SessionOp("commit twice", MessageType.UploadCommit, [])));
        Assert.Equal(ErrorCode.NoUpload, driver.Channel.LastErrorCode);
        Assert.True(driver.Session.HasModel);
    }

    [Fact]
    public void AStoreSmallerThanTheAnnouncedLimitFailsTheChunkNotTheBoard()
    {
        // Misconfigured board: it announces 2048 bytes but its flash holds 100. The store throws; the session answers BOARD_FAILURE.
        var driver = new SessionDriver(storeCapacity: 100);
        Assert.Null(driver.Apply(new SessionOp("begin", MessageType.UploadBegin, [.. BitConverter.GetBytes(SessionOps.MaxModelBytes), 0, 0, 0, 0, 1])));
        Assert.Null(driver.Apply(new SessionOp("chunk", MessageType.UploadChunk, [0, 0, 0, 0, .. new byte[90]])));
        driver.Apply(new SessionOp("chunk past the flash", MessageType.UploadChunk, [90, 0, 0, 0, .. new byte[20]]));
        Assert.Equal(MessageType.Error, driver.Channel.LastType);
        Assert.Equal(ErrorCode.BoardFailure, driver.Channel.LastErrorCode);
        Assert.Null(driver.Apply(new SessionOp("hello", MessageType.Hello, [LinkProtocol.Version])));
        Assert.Equal(MessageType.Info, driver.Channel.LastType);
    }

    [Fact]
    public void TenThousandHostileFramesKeepMemoryBounded()
    {
        // Everything but good uploads, lesson starts and benchmarks, which build a model, a lesson or the
        // benchmark's digits on purpose.
        var ops = new List<SessionOp>();
        SessionOps.Any.Where(o => o.Kind != SessionOp.GoodUpload && o.Type != TinyNet.Link.MessageType.LessonStart
                && o.Type != TinyNet.Link.MessageType.Bench)
            .Array[500].Sample(batch => { lock (ops) ops.AddRange(batch); }, iter: 20, threads: 1);
        var driver = new SessionDriver();
        foreach (var op in ops.Take(200)) driver.Apply(op); // warm up
        driver = new SessionDriver();

        long live = GC.GetTotalMemory(true);
        long before = GC.GetAllocatedBytesForCurrentThread();
        int frames = 0;
        foreach (var op in ops)
        {
            int sent = driver.FramesSent;
            Assert.Null(driver.Apply(op));
            frames += op.Kind == SessionOp.Noise ? 1 : driver.FramesSent - sent;
        }
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        long grown = GC.GetTotalMemory(true) - live;
        output.WriteLine($"{ops.Count} hostile operations ({frames} frames or noise bursts): {driver.Channel.Errors} ERROR replies, "
            + $"{allocated:N0} bytes allocated in all ({allocated / Math.Max(1, frames):N0} per frame, the driver's own bookkeeping included), live memory grew {grown:N0} bytes");
        Assert.True(frames >= 10_000);
        Assert.True(driver.Channel.Errors > frames / 3);
        // Error messages are built as strings (a few hundred bytes each); nothing may pile up.
        Assert.True(allocated / frames < 2048, $"{allocated / frames} bytes per frame");
        Assert.True(grown < SessionOps.MaxModelBytes + 64 * 1024, $"live memory grew {grown} bytes");
    }

    [Fact]
    public void AFloodOfOneRequestIsAppliedOnceAndAnsweredFromTheCache()
    {
        var driver = new SessionDriver();
        byte[] file = SessionOps.GoodFile;
        Assert.Null(driver.Apply(new SessionOp("begin", MessageType.UploadBegin, [.. BitConverter.GetBytes(file.Length), 0, 0, 0, 0, 1])));
        Assert.Null(driver.Apply(new SessionOp("chunk", MessageType.UploadChunk, [0, 0, 0, 0, .. file.AsSpan(0, 20)])));
        var retry = new SessionOp(SessionOp.Retry, 0, []);
        driver.Apply(retry); // warm up
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++) Assert.Null(driver.Apply(retry));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(20, driver.Store.UploadLength);
        Assert.Equal(10_001, driver.Session.Repeats);
        Assert.True(allocated < 1024, $"{allocated} bytes allocated answering 10,000 retries");
    }
}

/// <summary>Tests that read process-wide memory figures run in this collection, which runs alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public class MemoryMeasurements
{
    public const string Name = "memory measurements";
}
