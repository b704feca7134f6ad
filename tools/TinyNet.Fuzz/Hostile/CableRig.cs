using TinyNet.Board;
using TinyNet.Link;

namespace TinyNet.Fuzz.Hostile;

/// <summary>
/// A host (<see cref="LinkClient"/>) and a board (<see cref="BoardSession"/> on a
/// <see cref="MemoryModelStore"/>) joined by an in-memory cable that can be cut. Stepped and
/// single-threaded: the board runs whenever the host finds nothing to read, so a run is
/// deterministic and a timeout costs no real time.
/// </summary>
public sealed class CableRig
{
    private readonly Queue<byte> _toBoard = new();
    private readonly Queue<byte> _toHost = new();
    private readonly int _maxModelBytes;

    public CableRig(MemoryModelStore store, int maxModelBytes)
    {
        Store = store;
        _maxModelBytes = maxModelBytes;
        Session = NewSession();
        Client = new LinkClient(new HostEnd(this), new StillClock()) { MaxAttempts = 2 };
    }

    /// <summary>The board's store (its power switch cuts the board).</summary>
    public MemoryModelStore Store { get; }
    /// <summary>The board as it runs now (replaced by <see cref="Reboot"/>).</summary>
    public BoardSession Session { get; private set; }
    /// <summary>The host.</summary>
    public LinkClient Client { get; }
    /// <summary>Bytes the host has put on the cable.</summary>
    public long HostBytes { get; private set; }
    /// <summary>Host bytes that may still pass before the cable is cut (negative: never).</summary>
    public long CutAfterHostBytes { get; set; } = -1;
    /// <summary>True once the cable is cut: nothing passes either way until <see cref="Replug"/>.</summary>
    public bool Cut { get; private set; }

    /// <summary>Power-cycles the board: power back on, a new session on the same store, booted.</summary>
    public void Reboot()
    {
        Store.PowerOn();
        _toBoard.Clear();
        Session = NewSession();
    }

    /// <summary>Reconnects the cable, with nothing in flight.</summary>
    public void Replug()
    {
        Cut = false;
        CutAfterHostBytes = -1;
        _toBoard.Clear();
        _toHost.Clear();
    }

    private BoardSession NewSession()
    {
        var session = new BoardSession(new BoardEnd(this), Store, new StillClock(), "cable-rig", _maxModelBytes);
        session.Boot();
        return session;
    }

    // Lets the board answer everything that reached it; a board without power hears nothing.
    private void Pump()
    {
        while (_toBoard.Count > 0)
        {
            if (Store.PoweredOff) _toBoard.Clear();
            else Session.RunOnce(0);
        }
    }

    private sealed class HostEnd(CableRig rig) : IByteChannel
    {
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            if (rig._toHost.Count == 0) rig.Pump();
            int n = 0;
            while (n < count && rig._toHost.Count > 0) buffer[offset + n++] = rig._toHost.Dequeue();
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            for (int i = 0; i < count; i++)
            {
                if (rig.CutAfterHostBytes == 0) rig.Cut = true;
                if (rig.Cut) return;
                if (rig.CutAfterHostBytes > 0) rig.CutAfterHostBytes--;
                rig.HostBytes++;
                rig._toBoard.Enqueue(buffer[offset + i]);
            }
        }
    }

    private sealed class BoardEnd(CableRig rig) : IByteChannel
    {
        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds)
        {
            int n = 0;
            while (n < count && rig._toBoard.Count > 0) buffer[offset + n++] = rig._toBoard.Dequeue();
            return n;
        }

        public void Write(byte[] buffer, int offset, int count)
        {
            if (rig.Cut || rig.Store.PoweredOff) return;
            for (int i = 0; i < count; i++) rig._toHost.Enqueue(buffer[offset + i]);
        }
    }
}
