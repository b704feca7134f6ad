using TinyNet.Board;
using TinyNet.Checksums;
using TinyNet.Link;
using TinyNet.Numerics;

namespace TinyNet.Tests.Link;

/// <summary>Requests a well-behaved LinkClient never sends, written as raw frames straight to the board.</summary>
public class HostileSessionTests
{
    private sealed class RawHost
    {
        private readonly LinkRig _rig;
        private readonly FrameEncoder _encoder = new(4096);
        private readonly FrameDecoder _decoder = new(LinkProtocol.MaxPayload);

        public RawHost(LinkRig rig) { _rig = rig; }

        public List<(int Type, int Seq, byte[] Payload)> Send(int type, int seq, byte[] payload)
        {
            int n = _encoder.Encode(type, seq, payload, 0, payload.Length);
            return SendBytes(_encoder.Output.AsSpan(0, n).ToArray());
        }

        public List<(int Type, int Seq, byte[] Payload)> SendBytes(byte[] bytes)
        {
            _rig.ToBoard.Write(bytes, 0, bytes.Length);
            _rig.Pump();
            var replies = new List<(int, int, byte[])>();
            var buffer = new byte[4096];
            int got;
            while ((got = _rig.ToHost.Read(buffer, 0, buffer.Length, 0)) > 0)
            {
                for (int i = 0; i < got; i++)
                {
                    if (_decoder.Push(buffer[i]))
                    {
                        replies.Add((_decoder.Type, _decoder.Seq,
                            _decoder.Buffer.AsSpan(_decoder.PayloadOffset, _decoder.PayloadLength).ToArray()));
                    }
                }
            }
            return replies;
        }

        /// <summary>Sends one request and returns its single reply (asserting there is exactly one, with the seq).</summary>
        public (int Type, byte[] Payload) Ask(int type, int seq, params byte[] payload)
        {
            var reply = Assert.Single(Send(type, seq, payload));
            Assert.Equal(seq, reply.Seq);
            return (reply.Type, reply.Payload);
        }

        /// <summary>Asks and expects ERROR with <paramref name="code"/>; returns the reason.</summary>
        public string Refused(int code, int type, int seq, params byte[] payload)
        {
            var (replyType, body) = Ask(type, seq, payload);
            Assert.Equal(MessageType.Error, replyType);
            var r = new PayloadReader();
            r.Reset(body, 0, body.Length);
            int got = r.U8();
            string reason = r.Text();
            Assert.True(r.AtEnd);
            Assert.True(code == got, $"expected {ErrorCode.Name(code)}, got {ErrorCode.Name(got)}: {reason}");
            Assert.False(string.IsNullOrWhiteSpace(reason));
            return reason;
        }
    }

    private static byte[] Le(params uint[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static byte[] Begin(int size, uint crc, byte flags = 0) => Le((uint)size, crc).Append(flags).ToArray();

    private static byte[] Chunk(int offset, byte[] file, int from, int count) => Le((uint)offset).Concat(file.Skip(from).Take(count)).ToArray();

    [Fact]
    public void OutOfOrderAndMalformedRequestsGetErrorsAndTheBoardKeepsServing()
    {
        using var rig = new LinkRig(maxModelBytes: 20_000);
        var host = new RawHost(rig);
        byte[] file = TestModels.MnistFile("good", 1);
        uint crc = Crc32.Compute(file, 0, file.Length);

        Assert.Contains("UPLOAD_BEGIN first", host.Refused(ErrorCode.NoUpload, MessageType.UploadChunk, 1, Chunk(0, file, 0, 10)));
        Assert.Contains("nothing to commit", host.Refused(ErrorCode.NoUpload, MessageType.UploadCommit, 2));
        Assert.Contains("flash one first", host.Refused(ErrorCode.NoModel, MessageType.Predict, 3, new byte[784]));
        Assert.Contains("20000", host.Refused(ErrorCode.UploadTooLarge, MessageType.UploadBegin, 4, Begin(20_001, 0)));
        host.Refused(ErrorCode.UploadTooLarge, MessageType.UploadBegin, 5, Begin(0, 0));
        host.Refused(ErrorCode.UploadTooLarge, MessageType.UploadBegin, 6, Begin(-1, 0)); // 4 GB
        host.Refused(ErrorCode.BadRequest, MessageType.UploadBegin, 7, 1, 2, 3);
        host.Refused(ErrorCode.BadRequest, MessageType.Hello, 8, 1, 0);
        host.Refused(ErrorCode.BadRequest, MessageType.UploadChunk, 9, 1, 2);
        Assert.Contains("speaks 1", host.Refused(ErrorCode.VersionMismatch, MessageType.Hello, 10, 9));
        host.Refused(ErrorCode.UnknownType, 0x33, 11);
        Assert.Contains("neuron", host.Refused(ErrorCode.UnknownLesson, MessageType.LessonStart, 12,
            new byte[] { 4, 0, (byte)'n', (byte)'o', (byte)'p', (byte)'e' }.Concat(Le(0, 0)).ToArray()));
        host.Refused(ErrorCode.NoLesson, MessageType.LessonNext, 13);
        Assert.Equal(MessageType.Ack, host.Ask(MessageType.LessonStop, 14).Type);

        // Replies and logs sent to the board are not answered (no ping-pong between two boards).
        Assert.Empty(host.Send(MessageType.Info, 15, new byte[3]));
        Assert.Empty(host.Send(MessageType.Error, 16, new byte[3]));

        // Begin, then chunks past the end, a gap, a repeat, and a commit too early.
        Assert.Equal(MessageType.UploadReady, host.Ask(MessageType.UploadBegin, 20, Begin(file.Length, crc)).Type);
        Assert.Contains("runs past", host.Refused(ErrorCode.BadOffset, MessageType.UploadChunk, 21, Chunk(file.Length - 5, file, 0, 10)));
        Assert.Contains("runs past", host.Refused(ErrorCode.BadOffset, MessageType.UploadChunk, 22, Chunk(int.MaxValue, file, 0, 1)));
        var gap = host.Ask(MessageType.UploadChunk, 23, Chunk(100, file, 100, 50));
        Assert.Equal(MessageType.ChunkAck, gap.Type);
        Assert.Equal(Le(0), gap.Payload); // "send from 0"
        Assert.Equal(Le(100), host.Ask(MessageType.UploadChunk, 24, Chunk(0, file, 0, 100)).Payload);
        Assert.Equal(Le(100), host.Ask(MessageType.UploadChunk, 25, Chunk(50, file, 50, 50)).Payload); // old bytes: kept once
        Assert.Equal(Le(150), host.Ask(MessageType.UploadChunk, 26, Chunk(50, file, 50, 100)).Payload); // overlap: only the new part
        Assert.Contains("150 of", host.Refused(ErrorCode.UploadIncomplete, MessageType.UploadCommit, 27));
        int seq = 28;
        for (int at = 150; at < file.Length; at += 1000)
        {
            host.Ask(MessageType.UploadChunk, seq++, Chunk(at, file, at, Math.Min(1000, file.Length - at)));
        }
        Assert.Equal(file.Length, rig.Store.UploadLength);

        // Commit; the same frame again is a retry (answered from the cache); a new commit has nothing to commit.
        Assert.Equal(MessageType.Ack, host.Ask(MessageType.UploadCommit, 100).Type);
        Assert.Equal(MessageType.Ack, host.Ask(MessageType.UploadCommit, 100).Type);
        Assert.Equal(1, rig.Session.Repeats);
        host.Refused(ErrorCode.NoUpload, MessageType.UploadCommit, 101);
        Assert.Contains("takes 784", host.Refused(ErrorCode.BadInput, MessageType.Predict, 102, new byte[783]));
        Assert.Equal("good", rig.Client.Hello().ModelName);
    }

    [Fact]
    public void AWrongCrcIsRefusedAtCommitAndTheUploadDiscarded()
    {
        using var rig = new LinkRig();
        var host = new RawHost(rig);
        byte[] file = TestModels.MnistFile("crc", 1);
        uint crc = Crc32.Compute(file, 0, file.Length);
        host.Ask(MessageType.UploadBegin, 1, Begin(file.Length, crc ^ 1));
        host.Ask(MessageType.UploadChunk, 2, Chunk(0, file, 0, 1000));
        int seq = 3;
        for (int at = 1000; at < file.Length; at += 1000)
        {
            host.Ask(MessageType.UploadChunk, seq++, Chunk(at, file, at, Math.Min(1000, file.Length - at)));
        }
        string reason = host.Refused(ErrorCode.UploadCorrupt, MessageType.UploadCommit, seq++);
        Assert.Contains("send the model again", reason);
        Assert.Equal(0, rig.Store.UploadLength);
        Assert.Equal(-1, rig.Store.ActiveLength);
    }

    [Fact]
    public void ARetryIsAnsweredFromTheCacheWithoutApplyingItTwice()
    {
        using var rig = new LinkRig();
        var host = new RawHost(rig);
        byte[] file = TestModels.MnistFile("dup", 1);
        host.Ask(MessageType.UploadBegin, 1, Begin(file.Length, Crc32.Compute(file, 0, file.Length)));
        var first = host.Ask(MessageType.UploadChunk, 2, Chunk(0, file, 0, 500));
        var again = host.Ask(MessageType.UploadChunk, 2, Chunk(0, file, 0, 500));
        Assert.Equal(first.Type, again.Type);
        Assert.Equal(first.Payload, again.Payload);
        Assert.Equal(500, rig.Store.UploadLength);
        Assert.Equal(1, rig.Session.Repeats);
        // Same seq, different bytes (a host that restarted its count): a new request, applied.
        Assert.Equal(Le(1000), host.Ask(MessageType.UploadChunk, 2, Chunk(500, file, 500, 500)).Payload);
        Assert.Equal(1, rig.Session.Repeats);
    }

    [Fact]
    public void GarbageAndRandomFramesNeverStopTheBoardNorGrowItsMemory()
    {
        using var rig = new LinkRig();
        var host = new RawHost(rig);
        var rng = new Prng(99);

        // 200 000 bytes of noise: warm up once, then measure what serving them allocates.
        var noise = new byte[200_000];
        for (int i = 0; i < noise.Length; i++)
        {
            noise[i] = (byte)rng.NextUInt();
        }
        long[] allocated = new long[3];
        for (int run = 0; run < 3; run++)
        {
            rig.ToBoard.Write(noise, 0, noise.Length);
            long before = GC.GetAllocatedBytesForCurrentThread();
            while (rig.ToBoard.Available > 0)
            {
                rig.Session.RunOnce(0);
            }
            allocated[run] = GC.GetAllocatedBytesForCurrentThread() - before;
        }
        Assert.True(allocated[2] < 256, $"bytes allocated while serving 200 000 bytes of noise, per run: {string.Join(", ", allocated)}");
        Assert.True(rig.Session.DroppedFrames > 100);
        Assert.Equal(0, rig.Session.Requests); // noise never passes a CRC-32

        // 3000 valid frames of random type and payload: exactly one reply to each request type.
        for (int i = 0; i < 3000; i++)
        {
            int type = rng.NextInt(10) == 0 ? rng.NextInt(256) : 1 + rng.NextInt(9);
            var payload = new byte[rng.NextInt(64) == 0 ? rng.NextInt(1025) : rng.NextInt(20)];
            for (int k = 0; k < payload.Length; k++)
            {
                payload[k] = (byte)rng.NextUInt();
            }
            var replies = host.Send(type, 1 + i % 255, payload);
            Assert.Equal(type is > 0 and < 0x80 ? 1 : 0, replies.Count);
        }
        byte[] file = TestModels.MnistFile("after-fuzz", 1);
        rig.Client.Upload(file, file.Length, null);
        Assert.Equal("after-fuzz", rig.Client.Hello().ModelName);
    }
}
