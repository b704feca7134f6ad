using TinyNet.Board;

namespace TinyNet.Host.Board;

/// <summary>
/// The virtual board's status line per prediction, as the device app prints it: "prediction 3: wave (class 2)"
/// (the class by name when the model names its classes). Polled by the board's serving thread after each read.
/// </summary>
public sealed class PredictionLog(BoardSession session, Action<string> write)
{
    private int _logged = session.Predictions;

    /// <summary>Writes a line when the session answered a prediction since the last call.</summary>
    public void Poll()
    {
        int predictions = session.Predictions;
        if (predictions == _logged) return;
        _logged = predictions;
        write($"prediction {predictions}: {session.LastPrediction}");
    }
}
