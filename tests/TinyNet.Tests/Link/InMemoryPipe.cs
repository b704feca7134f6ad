using System.Diagnostics;
using TinyNet.Board;
using TinyNet.Link;
using TinyNet.Numerics;

namespace TinyNet.Tests.Link;

/// <summary>A thread-safe one-way byte queue: writers append, a reader waits up to a timeout.</summary>
public sealed class BytePipe
{
    private readonly Queue<byte> _bytes = new();

    public int Available { get { lock (_bytes) { return _bytes.Count; } } }

    public void Write(byte[] buffer, int offset, int count)
    {
        lock (_bytes)
        {
            for (int i = 0; i < count; i++)
            {
                _bytes.Enqueue(buffer[offset + i]);
            }
            Monitor.PulseAll(_bytes);
        }
    }

    /// <summary>Reads what is there; with waitMilliseconds > 0 waits that long for the first byte.</summary>
    public int Read(byte[] buffer, int offset, int count, int waitMilliseconds)
    {
        lock (_bytes)
        {
            long start = Environment.TickCount64; // no allocation: the memory test counts bytes
            while (_bytes.Count == 0)
            {
                int left = waitMilliseconds - (int)(Environment.TickCount64 - start);
                if (left <= 0 || !Monitor.Wait(_bytes, left) && _bytes.Count == 0)
                {
                    return 0;
                }
            }
            int n = 0;
            while (n < count && _bytes.Count > 0)
            {
                buffer[offset + n++] = _bytes.Dequeue();
            }
            return n;
        }
    }
}

/// <summary>
/// One end of an in-memory duplex link, with the faults a serial cable has: per written byte, with
/// a seeded generator, drop it, flip a bit in it or send it twice; or cut the cable entirely.
/// </summary>
public sealed class PipeEnd : IByteChannel
{
    private readonly BytePipe _in;
    private readonly BytePipe _out;
    private readonly Prng _rng;
    private readonly object _faultLock = new();

    public PipeEnd(BytePipe inbound, BytePipe outbound, uint seed = 1)
    {
        _in = inbound;
        _out = outbound;
        _rng = new Prng(seed);
    }

    /// <summary>Probability (0..1) that a written byte is dropped, corrupted or duplicated (each).</summary>
    public double FaultRate { get; set; }

    /// <summary>When set, called before a read finds nothing (the stepped rig runs the board here); reads then never wait.</summary>
    public Action? Idle { get; set; }

    /// <summary>Bytes this end may still write before the cable is cut (negative = never cut).</summary>
    public long CutAfterBytes { get; set; } = -1;

    public long BytesWritten { get; private set; }
    public int Dropped { get; private set; }
    public int Corrupted { get; private set; }
    public int Duplicated { get; private set; }

    public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
    {
        if (Idle != null)
        {
            if (_in.Available == 0)
            {
                Idle();
            }
            return _in.Read(buffer, offset, count, 0);
        }
        return _in.Read(buffer, offset, count, timeoutMilliseconds);
    }

    public void Write(byte[] buffer, int offset, int count)
    {
        var sent = new List<byte>(count + 8);
        lock (_faultLock)
        {
            for (int i = 0; i < count; i++)
            {
                if (CutAfterBytes == 0)
                {
                    break;
                }
                if (CutAfterBytes > 0)
                {
                    CutAfterBytes--;
                }
                BytesWritten++;
                byte b = buffer[offset + i];
                if (FaultRate > 0)
                {
                    double roll = _rng.NextUInt() / 4294967296.0;
                    if (roll < FaultRate) { Dropped++; continue; }
                    if (roll < 2 * FaultRate) { Corrupted++; b ^= (byte)(1 << _rng.NextInt(8)); }
                    else if (roll < 3 * FaultRate) { Duplicated++; sent.Add(b); }
                }
                sent.Add(b);
            }
        }
        _out.Write(sent.ToArray(), 0, sent.Count);
    }
}

/// <summary>Real time and a fixed free-memory figure.</summary>
public sealed class TestClock : IBoardClock
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    public long Milliseconds => _watch.ElapsedMilliseconds;
    public long Microseconds => _watch.ElapsedTicks * 1_000_000 / Stopwatch.Frequency;
    public int FreeMemoryBytes() => 123_456;
}

/// <summary>
/// A host and a board joined by in-memory pipes. Stepped (default): single-threaded and deterministic,
/// the board runs whenever the host finds nothing to read, and a host timeout costs no real time.
/// Threaded: the board serves on its own thread, as the virtual board does.
/// </summary>
public sealed class LinkRig : IDisposable
{
    public const string Firmware = "test-1.0";
    public readonly BytePipe ToBoard = new();
    public readonly BytePipe ToHost = new();
    public readonly PipeEnd HostEnd;
    public readonly PipeEnd BoardEnd;
    public readonly MemoryModelStore Store;
    public readonly TestClock Clock = new();
    public BoardSession Session;
    public readonly LinkClient Client;
    private Thread? _thread;
    private volatile bool _stop;

    public LinkRig(MemoryModelStore? store = null, bool threaded = false, uint seed = 1, int maxModelBytes = 64 * 1024)
    {
        Store = store ?? new MemoryModelStore(maxModelBytes);
        MaxModelBytes = maxModelBytes;
        HostEnd = new PipeEnd(ToHost, ToBoard, seed);
        BoardEnd = new PipeEnd(ToBoard, ToHost, seed + 1000);
        Session = NewSession();
        Client = new LinkClient(HostEnd, Clock);
        if (threaded)
        {
            Client.TimeoutMilliseconds = 200;
            _thread = new Thread(Serve) { IsBackground = true };
            _thread.Start();
        }
        else
        {
            Client.TimeoutMilliseconds = 1000; // costs nothing: a stepped read never waits
            HostEnd.Idle = Pump;
        }
    }

    public int MaxModelBytes { get; }

    /// <summary>Lets the board read and answer everything that has reached it.</summary>
    public void Pump()
    {
        var sink = new byte[256];
        while (ToBoard.Available > 0)
        {
            if (Store.PoweredOff)
            {
                ToBoard.Read(sink, 0, sink.Length, 0); // a board without power hears nothing
                continue;
            }
            Session.RunOnce(0);
        }
    }

    /// <summary>Power-cycles the board: a new session on the same store, booted (stepped rigs only).</summary>
    public void Reboot()
    {
        Store.PowerOn();
        Session = NewSession();
    }

    private BoardSession NewSession()
    {
        var session = new BoardSession(BoardEnd, Store, Clock, Firmware, MaxModelBytes);
        session.Boot();
        return session;
    }

    private void Serve()
    {
        while (!_stop)
        {
            Session.RunOnce(20);
        }
    }

    public void Dispose()
    {
        _stop = true;
        _thread?.Join();
    }
}
