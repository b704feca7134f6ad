using TinyNet.Board;
using TinyNet.Checksums;
using TinyNet.Fuzz.Hostile;
using TinyNet.Host.Mnist;
using TinyNet.Host;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Fuzz.Targets;

/// <summary>A parser broke one of its promises on this input (the fuzzer reports it as a crash).</summary>
public sealed class BrokenPromiseException(string message) : Exception(message);

/// <summary>
/// One fuzz target per parser. Each takes arbitrary bytes; the parser's own refusal is the expected
/// outcome, anything else that escapes (an exception, or a <see cref="BrokenPromiseException"/> for
/// a wrong acceptance or a vague message) is a crash for the fuzzer.
/// </summary>
public static class FuzzTargets
{
    /// <summary>The target names, as given on the command line.</summary>
    public static readonly string[] Names = ["model", "idx", "link", "session"];

    /// <summary>Runs the named target on <paramref name="data"/>; false for an unknown name.</summary>
    public static bool TryRun(string name, byte[] data)
    {
        switch (name)
        {
            case "model": Model(data); return true;
            case "idx": Idx(data); return true;
            case "link": Link(data); return true;
            case "session": Session(data); return true;
            default: return false;
        }
    }

    /// <summary>Model file: Read and Validate agree; an accepted file re-encodes to the same bytes; a refusal says why in one line.</summary>
    public static void Model(byte[] data)
    {
        ModelReadResult result = ModelFile.Read(data, data.Length);
        string? validate = ModelFile.Validate(data, data.Length);
        if ((result.Error == null) != (validate == null))
            throw new BrokenPromiseException($"Read says '{result.Error}', Validate says '{validate}'");
        if (result.Error == null)
        {
            if (!ModelFile.Write(result.Model!).AsSpan().SequenceEqual(data))
                throw new BrokenPromiseException("an accepted model re-encodes to different bytes");
        }
        else if (result.Error.Length == 0 || result.Error.Contains('\n'))
        {
            throw new BrokenPromiseException($"vague refusal '{result.Error}'");
        }
    }

    /// <summary>IDX: the same bytes as an image file and as a label file; the reader agrees with the plain IDX rules.</summary>
    public static void Idx(byte[] data)
    {
        foreach (bool images in new[] { true, false })
        {
            var verdict = IdxJudge.Judge(new Damaged("fuzz", data), images);
            if (!verdict.IsGood) throw new BrokenPromiseException(verdict.ToString());
        }
    }

    // Made on first use, not in a static initializer: instrumented code may only run once
    // SharpFuzz has attached AFL++'s coverage map, which happens inside Fuzzer.Run.
    private static FrameDecoder? _linkDecoder;

    /// <summary>Link: raw bytes into the frame decoder; every frame it delivers carries a matching CRC and fits the buffer.</summary>
    public static void Link(byte[] data)
    {
        var decoder = _linkDecoder ??= new FrameDecoder(LinkProtocol.MaxPayload);
        decoder.Reset();
        foreach (byte b in data)
        {
            if (!decoder.Push(b)) continue;
            int n = decoder.PayloadLength + 2;
            if (decoder.PayloadLength > LinkProtocol.MaxPayload || Crc32.Compute(decoder.Buffer, 0, n) != decoder.FrameCrc)
                throw new BrokenPromiseException("the decoder delivered a frame whose CRC does not match");
            // Read the payload every way a handler might; the reader must flag overruns, never throw.
            PayloadReader r = decoder.Payload();
            while (r.Ok && r.Remaining > 0)
            {
                r.U8(); r.U16(); r.Text(); r.F32(); r.I32();
            }
        }
    }

    /// <summary>
    /// Board session: the input is a list of requests (type, seq, length, payload), each sent as a
    /// proper frame so the fuzzer reaches the request handlers. Every request gets exactly one
    /// well-formed reply with its seq; nothing escapes the session.
    /// </summary>
    public static void Session(byte[] data)
    {
        var channel = new ScriptChannel();
        var store = new MemoryModelStore(4096);
        var session = new BoardSession(channel, store, new StillClock(), "fuzz", 4096);
        session.Boot();
        var encoder = new FrameEncoder(LinkProtocol.MaxPayload);
        for (int p = 0; p + 3 <= data.Length;)
        {
            int type = data[p], seq = data[p + 1], length = Math.Min(data[p + 2], data.Length - p - 3);
            int n = encoder.Encode(type, seq, data, p + 3, length);
            p += 3 + length;
            int before = channel.Replies;
            channel.Load(encoder.Output, 0, n);
            while (channel.Remaining > 0) session.RunOnce(0);
            int expected = type is > 0 and < 0x80 ? 1 : 0;
            if (channel.Replies - before != expected)
                throw new BrokenPromiseException($"request type {type} got {channel.Replies - before} replies");
            if (expected == 1 && channel.LastSeq != seq)
                throw new BrokenPromiseException($"reply seq {channel.LastSeq} to request seq {seq}");
            if (channel.BadReplies != 0 || channel.DroppedReplies != 0)
                throw new BrokenPromiseException($"the board sent a malformed reply to type {type}");
        }
    }
}
