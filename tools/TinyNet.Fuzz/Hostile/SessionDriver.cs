using TinyNet.Board;
using TinyNet.Checksums;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// Drives a <see cref="BoardSession"/> with <see cref="SessionOp"/>s and checks each reply against a
/// small model of the protocol: which request states are errors (NO_UPLOAD before UPLOAD_BEGIN, NO_MODEL
/// before a commit, NO_LESSON before LESSON_START, UPLOAD_TOO_LARGE past the store, BAD_REQUEST for a
/// payload of the wrong layout, UNKNOWN_TYPE), which replies a state allows, one reply per request
/// with its seq, none to replies and noise, a retry answered with the same bytes. After every step
/// the store's active model must load.
/// </summary>
public sealed class SessionDriver
{
    private readonly FrameEncoder _encoder = new(LinkProtocol.MaxPayload);
    private readonly byte[] _frame = new byte[LinkProtocol.MaxEncodedLength(LinkProtocol.MaxPayload)];
    private byte[] _lastRequest = [];
    private int _lastRequestLength;
    private int _lastReplyType = -1, _lastReplyCode;
    private int _seq;

    // The protocol model's state, updated from the replies.
    private bool _uploading, _lessonRunning;
    private uint _uploadSize;

    public SessionDriver(int storeCapacity = SessionOps.MaxModelBytes)
    {
        Store = new MemoryModelStore(storeCapacity);
        Session = new BoardSession(Channel, Store, new StillClock(), "hostile", SessionOps.MaxModelBytes);
        Session.Boot();
    }

    /// <summary>The board's channel, with its reply counts.</summary>
    public ScriptChannel Channel { get; } = new();
    /// <summary>The board's store.</summary>
    public MemoryModelStore Store { get; }
    /// <summary>The session under test.</summary>
    public BoardSession Session { get; }
    /// <summary>Frames sent to the board (requests, retries and non-request frames; noise not counted).</summary>
    public int FramesSent { get; private set; }

    /// <summary>Applies one operation; returns null when the board behaved, else what it did wrong.</summary>
    public string? Apply(SessionOp op)
    {
        switch (op.Kind)
        {
            case SessionOp.Noise:
                return Expect(op, Feed(op.Payload, op.Payload.Length), 0);
            case SessionOp.Retry:
                if (_lastRequestLength == 0) return null;
                int replyType = _lastReplyType, code = _lastReplyCode;
                string? retry = Expect(op, Feed(_lastRequest, _lastRequestLength), 1);
                FramesSent++;
                if (retry == null && (Channel.LastType != replyType || (replyType == MessageType.Error && Channel.LastErrorCode != code)))
                    retry = $"retry answered {MessageType.Name(Channel.LastType)} where the first answer was {MessageType.Name(replyType)}";
                return retry;
            case SessionOp.GoodUpload:
                return GoodUpload();
            case SessionOp.CorruptUpload:
                return Upload(SessionOps.GoodFile, Crc32.Compute(SessionOps.GoodFile, 0, SessionOps.GoodFile.Length) ^ 1, ErrorCode.UploadCorrupt);
            case SessionOp.InvalidUpload:
                byte[] invalid = (byte[])SessionOps.GoodFile.Clone();
                invalid[^1] ^= 0x40; // the model's own CRC trailer no longer matches
                return Upload(invalid, Crc32.Compute(invalid, 0, invalid.Length), ErrorCode.ModelInvalid);
            default:
                return Request(op);
        }
    }

    /// <summary>Sends begin, chunks and commit of <see cref="SessionOps.GoodFile"/>, checking each reply; the board must then hold it.</summary>
    public string? GoodUpload()
    {
        byte[] file = SessionOps.GoodFile;
        return Upload(file, Crc32.Compute(file, 0, file.Length), 0);
    }

    // A whole upload; the commit must answer ACK (errorCode 0) or ERROR with errorCode, leaving the previous model.
    private string? Upload(byte[] file, uint crc, int errorCode)
    {
        int activeBefore = Store.ActiveLength;
        string? problem = Request(new SessionOp("good begin", MessageType.UploadBegin, [.. BitConverter.GetBytes((uint)file.Length), .. BitConverter.GetBytes(crc), 1]));
        for (int at = 0; problem == null && at < file.Length; at += 32)
            problem = Request(new SessionOp("good chunk", MessageType.UploadChunk, [.. BitConverter.GetBytes((uint)at), .. file.AsSpan(at, Math.Min(32, file.Length - at))]));
        problem ??= Request(new SessionOp("good commit", MessageType.UploadCommit, []));
        if (problem != null) return problem;
        if (errorCode == 0 && (Channel.LastType != MessageType.Ack || !Session.HasModel))
            return $"a good upload ended with {MessageType.Name(Channel.LastType)} (code {Channel.LastErrorCode})";
        if (errorCode != 0 && (Channel.LastType != MessageType.Error || Channel.LastErrorCode != errorCode || Store.ActiveLength != activeBefore))
            return $"a bad upload ended with {MessageType.Name(Channel.LastType)} (code {Channel.LastErrorCode}) instead of {ErrorCode.Name(errorCode)}";
        return null;
    }

    private string? Request(SessionOp op)
    {
        _seq = _seq % 255 + 1;
        int n = _encoder.Encode(op.Type, _seq, op.Payload, 0, op.Payload.Length);
        Array.Copy(_encoder.Output, _frame, n);
        bool isRequest = op.Type is > 0 and < 0x80;
        int replies = Feed(_frame, n);
        FramesSent++;
        string? problem = Expect(op, replies, isRequest ? 1 : 0);
        if (problem != null || !isRequest) return problem;
        if (Channel.LastSeq != _seq) return $"{op.Kind}: reply seq {Channel.LastSeq} to request seq {_seq}";
        _lastRequest = _frame[..n];
        _lastRequestLength = n;
        _lastReplyType = Channel.LastType;
        _lastReplyCode = Channel.LastErrorCode;
        return CheckReply(op);
    }

    private int Feed(byte[] bytes, int count)
    {
        int before = Channel.Replies;
        Channel.Load(bytes, 0, count);
        while (Channel.Remaining > 0) Session.RunOnce(0);
        return Channel.Replies - before;
    }

    private string? Expect(SessionOp op, int replies, int expected)
    {
        if (replies != expected) return $"{op.Kind} (type {op.Type}, {op.Payload.Length} bytes): {replies} replies, expected {expected}";
        if (Channel.BadReplies != 0 || Channel.DroppedReplies != 0) return $"{op.Kind}: the board sent a malformed reply";
        if (Store.ActiveLength >= 0)
        {
            var active = new byte[Store.ActiveLength];
            Store.ReadActive(0, active, 0, active.Length);
            string? error = ModelFile.Validate(active, active.Length);
            if (error != null) return $"{op.Kind}: the active model no longer loads: {error}";
        }
        return null;
    }

    private static bool AllFinite(byte[] payload)
    {
        for (int i = 0; i + 4 <= payload.Length; i += 4)
            if (!float.IsFinite(BitConverter.ToSingle(payload, i))) return false;
        return true;
    }

    // The protocol model: which replies the request may get in the current state; updates the state.
    private string? CheckReply(SessionOp op)
    {
        int type = Channel.LastType, code = type == MessageType.Error ? Channel.LastErrorCode : 0;
        int length = op.Payload.Length;
        bool ok;
        switch (op.Type)
        {
            case MessageType.Hello:
                ok = length != 1 ? code == ErrorCode.BadRequest
                    : op.Payload[0] == LinkProtocol.Version ? type == MessageType.Info : code == ErrorCode.VersionMismatch;
                break;
            case MessageType.UploadBegin:
                uint size = length == 9 ? BitConverter.ToUInt32(op.Payload, 0) : 0;
                ok = length != 9 ? code == ErrorCode.BadRequest
                    : size == 0 || size > SessionOps.MaxModelBytes ? code == ErrorCode.UploadTooLarge
                    : type == MessageType.UploadReady;
                if (type == MessageType.UploadReady) { _uploading = true; _uploadSize = size; }
                break;
            case MessageType.UploadChunk:
                uint offset = length >= 4 ? BitConverter.ToUInt32(op.Payload, 0) : 0;
                ok = length < 4 ? code == ErrorCode.BadRequest
                    : !_uploading ? code == ErrorCode.NoUpload
                    : offset > _uploadSize || length - 4 > _uploadSize - offset ? code == ErrorCode.BadOffset
                    : type == MessageType.ChunkAck;
                break;
            case MessageType.UploadCommit:
                ok = length != 0 ? code == ErrorCode.BadRequest
                    : !_uploading ? code == ErrorCode.NoUpload
                    : type == MessageType.Ack || code is ErrorCode.UploadIncomplete or ErrorCode.UploadCorrupt or ErrorCode.ModelInvalid;
                if (type == MessageType.Ack || code is ErrorCode.UploadCorrupt or ErrorCode.ModelInvalid) _uploading = false;
                break;
            case MessageType.Predict:
                ok = !Session.HasModel ? code == ErrorCode.NoModel
                    : length != Session.Model!.Inputs ? code == ErrorCode.BadInput
                    : type == MessageType.Prediction || code == ErrorCode.BoardFailure; // BoardFailure until prediction is wired
                break;
            case MessageType.PredictValues:
                ok = !Session.HasModel ? code == ErrorCode.NoModel
                    : length != 4 * Session.Model!.Inputs || !AllFinite(op.Payload) ? code == ErrorCode.BadInput
                    : type == MessageType.Prediction;
                break;
            case MessageType.LessonStart:
                ok = type == MessageType.Ack || code is ErrorCode.BadRequest or ErrorCode.UnknownLesson;
                if (type == MessageType.Ack) _lessonRunning = true;
                else if (code == ErrorCode.UnknownLesson) _lessonRunning = false; // a well-formed start drops the running lesson first
                break;
            case MessageType.LessonNext:
                ok = length != 0 ? code == ErrorCode.BadRequest
                    : !_lessonRunning ? code == ErrorCode.NoLesson
                    : type is MessageType.LessonTable or MessageType.LessonRow or MessageType.LessonEnd;
                if (type == MessageType.LessonEnd) _lessonRunning = false;
                break;
            case MessageType.LessonStop:
                ok = length != 0 ? code == ErrorCode.BadRequest : type == MessageType.Ack;
                if (type == MessageType.Ack) _lessonRunning = false;
                break;
            case MessageType.Bench:
                // The board times itself; only its memory can stop it (then it says so and keeps serving).
                ok = length != 0 ? code == ErrorCode.BadRequest : type == MessageType.BenchReport || code == ErrorCode.OutOfMemory;
                break;
            case MessageType.TrainSample:
                ok = length < 5 ? code == ErrorCode.BadRequest
                    : !Session.HasModel ? code == ErrorCode.NoModel
                    : type == MessageType.TrainResult || code is ErrorCode.BadSample or ErrorCode.CannotFineTune;
                break;
            case MessageType.TrainEpoch:
                ok = length != 4 ? code == ErrorCode.BadRequest
                    : type == MessageType.EpochResult || code is ErrorCode.BadSample or ErrorCode.NothingToTrain;
                break;
            case MessageType.Keep:
                ok = length != 0 ? code == ErrorCode.BadRequest
                    : type == MessageType.Ack || code is ErrorCode.NothingToTrain or ErrorCode.ModelInvalid or ErrorCode.UploadTooLarge;
                if (type == MessageType.Ack || code == ErrorCode.ModelInvalid) _uploading = false; // KEEP writes through the upload file
                break;
            case MessageType.Revert:
                ok = length != 0 ? code == ErrorCode.BadRequest : type == MessageType.Ack;
                break;
            case MessageType.Pull:
                ok = length != 4 ? code == ErrorCode.BadRequest : type == MessageType.PullChunk || code == ErrorCode.BadPull;
                break;
            default:
                ok = code == ErrorCode.UnknownType;
                break;
        }
        return ok ? null : $"{op.Kind} (type {MessageType.Name(op.Type)}, {length} bytes, uploading {_uploading}, model {Session.HasModel}, lesson {_lessonRunning}): "
            + $"answered {MessageType.Name(type)}{(code != 0 ? " " + ErrorCode.Name(code) : "")}";
    }
}
