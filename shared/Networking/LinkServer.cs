using TinyNet.Board;
using TinyNet.Link;

namespace TinyNet.Networking
{
    /// <summary>
    /// Serves the link to network clients one at a time: the first client gets the board's session;
    /// one that comes while it is connected is answered BUSY (after a short grace in case the first
    /// has just gone); a client that closes is noticed at once, and one that completes no request
    /// for the idle timeout (vanished, or sending garbage or half a frame) is dropped. The session
    /// lives on across clients, so a partial upload resumes from the next one.
    /// </summary>
    /// <remarks>
    /// Single-threaded: call <see cref="RunOnce"/> in a loop. The same code runs on the ESP32 (over
    /// nanoFramework sockets) and in the host's virtual board (over .NET sockets).
    /// </remarks>
    public sealed class LinkServer
    {
        private readonly BoardSession _session;
        private readonly ConnectionChannel _channel;
        private readonly IConnectionListener _listener;
        private readonly IClock _clock;
        private readonly int _idleTimeout;
        private readonly BusyResponder _busy = new BusyResponder();

        private IConnection _waiting;
        private long _waitingSince;
        private bool _refusing;
        private long _lastRequestAt;

        private int _clients;
        private int _refused;
        private int _idleDrops;

        /// <summary>
        /// Creates the server. <paramref name="session"/> must have been constructed on
        /// <paramref name="channel"/>; <paramref name="idleTimeoutMilliseconds"/> bounds how long a
        /// client that completes no request keeps the board.
        /// </summary>
        public LinkServer(BoardSession session, ConnectionChannel channel, IConnectionListener listener, IClock clock, int idleTimeoutMilliseconds)
        {
            if (session == null || channel == null || listener == null || clock == null)
            {
                throw new System.ArgumentNullException("session, channel, listener and clock are required");
            }
            _session = session;
            _channel = channel;
            _listener = listener;
            _clock = clock;
            _idleTimeout = idleTimeoutMilliseconds;
        }

        /// <summary>True while a client holds the board.</summary>
        public bool HasClient { get { return _channel.Current != null; } }

        /// <summary>Clients that were served (held the board).</summary>
        public int Clients { get { return _clients; } }

        /// <summary>Clients that were refused BUSY (or closed unanswered) because another held the board.</summary>
        public int Refused { get { return _refused; } }

        /// <summary>Clients dropped for completing no request within the idle timeout.</summary>
        public int IdleDrops { get { return _idleDrops; } }

        /// <summary>
        /// One round: serves the current client for up to <paramref name="pollMilliseconds"/> (or waits
        /// that long for one), then deals with a newcomer.
        /// </summary>
        public void RunOnce(int pollMilliseconds)
        {
            IConnection current = _channel.Current;
            if (current != null)
            {
                if (_session.RunOnce(pollMilliseconds))
                {
                    _lastRequestAt = _clock.Milliseconds;
                }
                if (!current.IsOpen)
                {
                    Release();
                }
                else if (_clock.Milliseconds - _lastRequestAt >= _idleTimeout)
                {
                    _idleDrops++;
                    current.Close();
                    Release();
                }
            }

            if (_waiting == null)
            {
                // With no client to serve, the wait for a newcomer is this round's pause.
                _waiting = _listener.Accept(current == null ? pollMilliseconds : 0);
                _waitingSince = _clock.Milliseconds;
                _refusing = false;
                _busy.Reset();
            }
            if (_waiting == null)
            {
                return;
            }
            if (_channel.Current == null)
            {
                Serve(_waiting);
                _waiting = null;
                return;
            }
            long waited = _clock.Milliseconds - _waitingSince;
            if (!_refusing && waited >= NetworkDefaults.BusyGraceMilliseconds)
            {
                _refusing = true;
                _refused++;
            }
            if (_refusing && (_busy.Serve(_waiting) || !_waiting.IsOpen
                || waited >= NetworkDefaults.BusyGraceMilliseconds + NetworkDefaults.BusyAnswerMilliseconds))
            {
                _waiting.Close();
                _waiting = null;
            }
        }

        private void Serve(IConnection connection)
        {
            // Whatever half frame the last client left in the decoder is not the start of this one's.
            _session.ResetFraming();
            _channel.Current = connection;
            _lastRequestAt = _clock.Milliseconds;
            _clients++;
        }

        private void Release()
        {
            _channel.Current = null;
            _session.ResetFraming();
        }
    }
}
