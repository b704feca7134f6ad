using CsCheck;
using TinyNet.Lessons;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Fuzz.Hostile;

/// <summary>One thing a hostile host does: a request (or a non-request frame), a retry of the last request, or raw noise.</summary>
public sealed record SessionOp(string Kind, int Type, byte[] Payload)
{
    /// <summary>Repeat the last request frame byte for byte (a retry after a lost reply).</summary>
    public const string Retry = "retry";
    /// <summary>Raw bytes, not a frame.</summary>
    public const string Noise = "noise";
    /// <summary>A whole valid upload (begin, chunks, commit) of <see cref="SessionOps.GoodFile"/>.</summary>
    public const string GoodUpload = "good upload";
    /// <summary>A whole upload whose announced CRC does not match the bytes sent (expects UPLOAD_CORRUPT).</summary>
    public const string CorruptUpload = "corrupt upload";
    /// <summary>A whole upload, CRC announced right, of a file that is not a valid model (expects MODEL_INVALID).</summary>
    public const string InvalidUpload = "invalid upload";
}

/// <summary>
/// Hostile request sequences for the board session: random packets, valid requests in the wrong
/// order (chunk before begin, commit twice, predict without a model, uploads larger than the
/// store), malformed payloads, retries, floods of one request, noise, and now and then a whole
/// good upload so the states with a model are reached too.
/// </summary>
public static class SessionOps
{
    /// <summary>Largest model the session under test accepts; its store holds exactly this much.</summary>
    public const int MaxModelBytes = 2048;

    /// <summary>The small valid model the good uploads send.</summary>
    public static readonly byte[] GoodFile = ModelFile.Write(Targets.SeedCorpus.SmallModel());

    private static byte[] Le(params uint[] values) => values.SelectMany(BitConverter.GetBytes).ToArray();

    private static Gen<SessionOp> Op(string kind, int type, Gen<byte[]> payload) => payload.Select(p => new SessionOp(kind, type, p));

    private static readonly Gen<uint> UploadSize = Gen.Frequency(
        (4, Gen.UInt[1, MaxModelBytes]), (1, Gen.Const(0u)), (2, Gen.UInt[MaxModelBytes + 1, uint.MaxValue]),
        (2, Gen.Const((uint)GoodFile.Length)));

    private static readonly Gen<byte[]> LessonPayload =
        from known in Gen.Bool
        from name in known ? Gen.OneOf(LessonCatalog.Names()) : Gen.Char['a', 'z'].Array[0, 12].Select(c => new string(c))
        from steps in Gen.Int[-5, 40]
        select (byte[])[.. BitConverter.GetBytes((ushort)name.Length), .. name.Select(c => (byte)c), .. BitConverter.GetBytes(steps), .. BitConverter.GetBytes(0f)];

    /// <summary>One hostile operation.</summary>
    public static readonly Gen<SessionOp> Any = Gen.Frequency(
        (3, Gen.Select(Gen.Int[0, 255], Gen.Frequency((6, Gen.Byte.Array[0, 24]), (1, Gen.Byte.Array[0, LinkProtocol.MaxPayload])),
            (t, p) => new SessionOp("random packet", t, p))),
        (2, Op("hello", MessageType.Hello, Gen.Frequency((4, Gen.Const<byte[]>([LinkProtocol.Version])), (1, Gen.Byte.Array[0, 3])))),
        (3, Op("begin", MessageType.UploadBegin, Gen.Select(UploadSize, Gen.UInt, Gen.Byte[0, 1], (s, c, f) => (byte[])[.. Le(s, c), f]))),
        (4, Op("chunk", MessageType.UploadChunk, Gen.Select(Gen.Frequency((3, Gen.UInt[0, 300]), (1, Gen.UInt)), Gen.Byte.Array[0, 200],
            (at, bytes) => (byte[])[.. Le(at), .. bytes]))),
        (1, Op("short chunk", MessageType.UploadChunk, Gen.Byte.Array[0, 3])),
        (3, Op("commit", MessageType.UploadCommit, Gen.Frequency((5, Gen.Const<byte[]>([])), (1, Gen.Byte.Array[1, 4])))),
        (3, Op("predict", MessageType.Predict, Gen.Frequency((2, Gen.Byte.Array[0, 900]), (1, Gen.Byte.Array[3])))),
        (2, Op("predict values", MessageType.PredictValues, Gen.Frequency(
            (3, Gen.Frequency((4, ModelGen.FiniteFloat), (1, ModelDamage.NonFinite)).Array[3].Select(v => v.SelectMany(BitConverter.GetBytes).ToArray())),
            (1, Gen.Byte.Array[0, 40])))),
        (2, Op("lesson start", MessageType.LessonStart, Gen.Frequency((3, LessonPayload), (1, Gen.Byte.Array[0, 12])))),
        (3, Op("lesson next", MessageType.LessonNext, Gen.Frequency((5, Gen.Const<byte[]>([])), (1, Gen.Byte.Array[1, 2])))),
        (1, Op("lesson stop", MessageType.LessonStop, Gen.Const<byte[]>([]))),
        (1, Op("reply-typed frame", 0, Gen.Byte.Array[0, 8]).SelectMany(op => Gen.Int[0x80, 0xFF].Select(t => op with { Type = t }))),
        (2, Gen.Const(new SessionOp(SessionOp.Retry, 0, []))),
        (1, Gen.Byte.Array[1, 100].Select(b => new SessionOp(SessionOp.Noise, 0, b))),
        (1, Gen.Const(new SessionOp(SessionOp.GoodUpload, 0, []))),
        (1, Gen.OneOf(SessionOp.CorruptUpload, SessionOp.InvalidUpload).Select(kind => new SessionOp(kind, 0, []))));
}
