using System.Collections.Concurrent;
using TinyNet.Fuzz.Hostile;

namespace TinyNet.Fuzz.Figures;

/// <summary>Counts verdicts by outcome and damage kind, keeping the first few bad ones to show.</summary>
public sealed class Tally
{
    private readonly ConcurrentDictionary<Outcome, int> _outcomes = new();
    private readonly ConcurrentDictionary<string, int> _kinds = new();
    private readonly ConcurrentQueue<string> _examples = new();
    private int _total;

    /// <summary>Trials counted.</summary>
    public int Total => _total;

    /// <summary>Trials with this outcome.</summary>
    public int this[Outcome outcome] => _outcomes.GetValueOrDefault(outcome);

    /// <summary>Trials that went wrong (anything but a refusal or a still-valid input).</summary>
    public int Bad => _total - this[Outcome.Refused] - this[Outcome.StillValid];

    /// <summary>Counts one verdict for damage of <paramref name="kind"/>.</summary>
    public void Add(string kind, Verdict verdict)
    {
        Interlocked.Increment(ref _total);
        _outcomes.AddOrUpdate(verdict.Outcome, 1, (_, n) => n + 1);
        _kinds.AddOrUpdate(kind, 1, (_, n) => n + 1);
        if (!verdict.IsGood && _examples.Count < 5) _examples.Enqueue(verdict.ToString());
    }

    /// <summary>"kind n, kind n, …", most frequent first.</summary>
    public string Kinds() => string.Join(", ", _kinds.OrderByDescending(k => k.Value).Select(k => $"{k.Key} {k.Value:N0}"));

    /// <summary>The first bad verdicts.</summary>
    public IEnumerable<string> Examples => _examples;
}
