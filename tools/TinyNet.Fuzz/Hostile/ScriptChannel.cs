using TinyNet.Board;
using TinyNet.Link;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// A byte channel for driving a <see cref="BoardSession"/> with prepared bytes: reads come from a
/// loaded buffer, writes (the board's replies) go through a frame decoder and are checked and
/// counted. Allocates nothing after construction, so allocation measured around the session is the
/// session's own.
/// </summary>
public sealed class ScriptChannel : IByteChannel
{
    private readonly FrameDecoder _replies = new(LinkProtocol.MaxPayload);
    private byte[] _input = [];
    private int _position;
    private int _length;

    /// <summary>Valid reply frames received from the board.</summary>
    public int Replies { get; private set; }
    /// <summary>ERROR replies among them.</summary>
    public int Errors { get; private set; }
    /// <summary>Replies that broke the protocol: a request type, an ERROR without a code or reason. Should stay 0.</summary>
    public int BadReplies { get; private set; }
    /// <summary>Type of the last reply.</summary>
    public int LastType { get; private set; } = -1;
    /// <summary>Seq of the last reply.</summary>
    public int LastSeq { get; private set; } = -1;
    /// <summary>Error code of the last ERROR reply.</summary>
    public int LastErrorCode { get; private set; }
    /// <summary>Replies received, by type.</summary>
    public int[] RepliesByType { get; } = new int[256];
    /// <summary>ERROR replies received, by code.</summary>
    public int[] ErrorsByCode { get; } = new int[256];
    /// <summary>Reply frames the decoder dropped (garbled output from the board). Should stay 0.</summary>
    public int DroppedReplies => _replies.Dropped;

    /// <summary>Bytes loaded but not yet read by the board.</summary>
    public int Remaining => _length - _position;

    /// <summary>Makes bytes[offset..offset+count) the next input (the buffer is used, not copied).</summary>
    public void Load(byte[] bytes, int offset, int count)
    {
        _input = bytes;
        _position = offset;
        _length = offset + count;
    }

    /// <inheritdoc/>
    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        int n = Math.Min(count, _length - _position);
        if (n <= 0) return 0;
        Array.Copy(_input, _position, buffer, offset, n);
        _position += n;
        return n;
    }

    /// <inheritdoc/>
    public void Write(byte[] buffer, int offset, int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!_replies.Push(buffer[offset + i])) continue;
            Replies++;
            LastType = _replies.Type;
            LastSeq = _replies.Seq;
            RepliesByType[LastType]++;
            if (LastType < 0x80) BadReplies++;
            if (LastType == MessageType.Prediction && !WellFormedPrediction(_replies.Payload())) BadReplies++;
            if (LastType == MessageType.Error)
            {
                Errors++;
                PayloadReader r = _replies.Payload();
                LastErrorCode = r.U8();
                ErrorsByCode[LastErrorCode]++;
                int reasonLength = r.U16();
                r.Skip(reasonLength); // not r.Text(): that would allocate the string
                // A code, then a non-empty reason, and nothing else.
                if (!r.AtEnd || LastErrorCode == 0 || reasonLength == 0) BadReplies++;
            }
        }
    }

    /// <summary>PREDICTION replies that carried a class name.</summary>
    public int NamedPredictions { get; private set; }

    // class, score count, the scores, µs, then nothing or a 1..255-byte printable name; read without allocating.
    private bool WellFormedPrediction(PayloadReader r)
    {
        int predicted = r.U8(), n = r.U8();
        r.Skip(4 * n);
        r.U32();
        if (!r.Ok || predicted >= Math.Max(n, 1)) return false;
        if (r.AtEnd) return true;
        int length = r.U8();
        for (int i = 0; i < length; i++)
        {
            int c = r.U8();
            if (c < 0x20 || c > 0x7E) return false;
        }
        NamedPredictions++;
        return length > 0 && r.AtEnd;
    }
}

/// <summary>A board clock that stands still (the session only uses it for timings and INFO).</summary>
public sealed class StillClock : IBoardClock
{
    /// <inheritdoc/>
    public long Milliseconds => 0;
    /// <inheritdoc/>
    public long Microseconds => 0;
    /// <inheritdoc/>
    public int FreeMemoryBytes() => 100_000;
}
