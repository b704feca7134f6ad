using TinyNet.Board;

namespace TinyNet.Host.Board;

/// <summary>
/// The thread a virtual board serves on: one round of its link at a time (the pty board's session,
/// the TCP board's server), then its line per prediction when asked for. Both virtual boards run
/// this; they differ only in what a round is.
/// </summary>
public sealed class BoardLoop
{
    private readonly BoardSession _session;
    private readonly Action _round;
    private readonly Thread _thread;
    private volatile bool _stopping;
    private volatile PredictionLog? _predictionLog;

    /// <summary>Starts a background thread named <paramref name="name"/> calling <paramref name="round"/> until <see cref="Stop"/>.</summary>
    public BoardLoop(BoardSession session, Action round, string name)
    {
        _session = session;
        _round = round;
        _thread = new Thread(Serve) { IsBackground = true, Name = name };
        _thread.Start();
    }

    /// <summary>
    /// Where to write a status line per prediction ("prediction 3: wave (class 2)"), as the device app does;
    /// null (the default) writes none.
    /// </summary>
    public Action<string>? PredictionLines
    {
        set => _predictionLog = value == null ? null : new PredictionLog(_session, value);
    }

    /// <summary>Ends the loop after its current round (waiting up to 2 s for it).</summary>
    public void Stop()
    {
        _stopping = true;
        _thread.Join(TimeSpan.FromSeconds(2));
    }

    private void Serve()
    {
        while (!_stopping)
        {
            try
            {
                _round();
                _predictionLog?.Poll();
            }
            catch (ObjectDisposedException) when (_stopping)
            {
                return;
            }
        }
    }
}
