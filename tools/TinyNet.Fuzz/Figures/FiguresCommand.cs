using System.Diagnostics;
using CsCheck;
using TinyNet.Fuzz.Hostile;
using TinyNet.Link;

namespace TinyNet.Fuzz.Figures;

/// <summary>
/// The hardening figures in one run: random damage thrown at each parser (the same generators and
/// judges as tests/TinyNet.Tests/Hardening, at a much larger count), the fuzzer's results when
/// tools/fuzz.sh has run, and cut-the-cable trials during an upload. Exit code 1 when any crash,
/// wrong acceptance, vague message or over-allocation was seen, or a cut left no loadable model.
/// </summary>
public static class FiguresCommand
{
    public static int Run(string[] args)
    {
        int count = 100_000, cuts = 1_000;
        string fuzzDir = Environment.GetEnvironmentVariable("FUZZ_DIR") ?? "/tmp/tinynet-fuzz";
        for (int i = 0; i < args.Length; i++)
        {
            string? value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--count" when int.TryParse(value, out count) && count > 0: i++; break;
                case "--cuts" when int.TryParse(value, out cuts) && cuts >= 0: i++; break;
                case "--fuzz-dir" when value != null: fuzzDir = value; i++; break;
                default:
                    Console.Error.WriteLine($"figures: bad argument '{args[i]}'; expected --count N (N > 0), --cuts N or --fuzz-dir DIR");
                    return 2;
            }
        }

        bool ok = true;
        ok &= Report("model files", count, Models(count), "refused with a message", "");
        ok &= Report("IDX files", count, Idx(count), "refused with a message",
            " (IDX has no checksum: still valid = a changed pixel or label digit, judged against the IDX rules)");
        ok &= Report("link packets", count, Link(count), "dropped and counted as bad CRC, malformed or oversized",
            " (the damage missed the frame, e.g. bytes after its closing delimiter, and it arrived intact)");
        ok &= SessionFigures(Math.Max(1, count / 50));
        FuzzFigures(fuzzDir);
        ok &= CutFigures(cuts);
        Console.WriteLine(ok ? "all figures as required" : "SOME FIGURES ARE NOT AS REQUIRED (see above)");
        return ok ? 0 : 1;
    }

    private static Tally Models(int count)
    {
        var tally = new Tally();
        var gen = from file in ModelGen.File
                  from damaged in ModelDamage.Any(file)
                  select (file, damaged);
        gen.Sample((file, damaged) => tally.Add(damaged.Kind, ModelJudge.Judge(file, damaged)), iter: count);
        return tally;
    }

    private static Tally Idx(int count)
    {
        var tally = new Tally();
        var gen = from images in Gen.Bool
                  from file in images ? IdxGen.Images : IdxGen.Labels
                  from damaged in IdxDamage.Any(file, images)
                  select (images, damaged);
        gen.Sample((images, damaged) => tally.Add(damaged.Kind, IdxJudge.Judge(damaged, images)), iter: count);
        return tally;
    }

    private static Tally Link(int count)
    {
        var tally = new Tally();
        var gen = from frame in LinkGen.Frame
                  from damaged in Damage.Transport(frame.Wire(), 8)
                  select (frame, damaged);
        gen.Sample((frame, damaged) => tally.Add(damaged.Kind, LinkJudge.Judge(frame, damaged)), iter: count);
        return tally;
    }

    private static bool Report(string what, int count, Tally tally, string refused, string note)
    {
        Console.WriteLine($"{what}: {tally.Total:N0} corrupted tried, {tally[Outcome.Refused]:N0} {refused}, "
            + $"{tally[Outcome.StillValid]:N0} still valid{note}, {tally[Outcome.Crash]} crashes, {tally[Outcome.WrongAcceptance]} wrong acceptances, "
            + $"{tally[Outcome.WrongRefusal]} wrong refusals, {tally[Outcome.VagueMessage]} vague messages, {tally[Outcome.OverAllocation]} over-allocations");
        Console.WriteLine($"  damage: {tally.Kinds()}");
        foreach (string example in tally.Examples) Console.WriteLine($"  BAD: {example}");
        return tally.Bad == 0 && tally.Total == count;
    }

    private static bool SessionFigures(int sequences)
    {
        int frames = 0, ops = 0, violations = 0, stillServing = 0;
        long allocated = 0;
        var byType = new int[256];
        var byCode = new int[256];
        var examples = new List<string>();
        SessionOps.Any.Array[1, 60].Sample(sequence =>
        {
            var driver = new SessionDriver();
            long before = GC.GetAllocatedBytesForCurrentThread();
            string? problem = null;
            foreach (var op in sequence)
            {
                problem ??= driver.Apply(op);
                ops++;
            }
            problem ??= driver.GoodUpload();
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            frames += driver.FramesSent;
            if (problem == null) stillServing++;
            else { violations++; if (examples.Count < 5) examples.Add(problem); }
            for (int i = 0; i < 256; i++) { byType[i] += driver.Channel.RepliesByType[i]; byCode[i] += driver.Channel.ErrorsByCode[i]; }
        }, iter: sequences, threads: 1);
        string errors = string.Join(", ", Enumerable.Range(0, 256).Where(c => byCode[c] > 0).OrderByDescending(c => byCode[c])
            .Select(c => $"{ErrorCode.Name(c)} {byCode[c]:N0}"));
        string replies = string.Join(", ", Enumerable.Range(0x80, 128).Where(t => byType[t] > 0 && t != MessageType.Error)
            .OrderByDescending(t => byType[t]).Select(t => $"{MessageType.Name(t)} {byType[t]:N0}"));
        Console.WriteLine($"board session: {sequences:N0} random hostile sequences, {ops:N0} operations, {frames:N0} frames; "
            + $"{violations} protocol-model violations (wrong reply, missing/extra reply, malformed reply, unloadable model), "
            + $"{stillServing:N0} still took a good upload afterwards; {allocated / Math.Max(1, frames):N0} bytes allocated per frame "
            + "(good uploads and lessons included)");
        Console.WriteLine($"  errors: {errors}");
        Console.WriteLine($"  other replies: {replies}");
        foreach (string example in examples) Console.WriteLine($"  BAD: {example}");
        return violations == 0;
    }

    private static void FuzzFigures(string fuzzDir)
    {
        string summary = Path.Combine(fuzzDir, "summary.txt");
        if (!File.Exists(summary))
        {
            Console.WriteLine($"fuzzing: no results in {fuzzDir} (run tools/fuzz.sh SECONDS first)");
            return;
        }
        Console.WriteLine($"fuzzing (AFL++ via SharpFuzz, {summary}, {File.GetLastWriteTimeUtc(summary):yyyy-MM-dd HH:mm} UTC):");
        foreach (string line in File.ReadAllLines(summary)) Console.WriteLine($"  {line}");
    }

    private static bool CutFigures(int trials)
    {
        if (trials == 0) return true;
        var watch = Stopwatch.StartNew();
        CutReport r = CutTrials.Run(trials, seed: 2026);
        Console.WriteLine($"cut-the-cable trials during upload: {r.Trials:N0} ({r.CableCuts} cable, {r.PowerCuts} power; upload of "
            + $"{r.HostBytes:N0} host bytes / {r.StoreSteps:N0} store write steps), {r.WithoutLoadableModel} left the board without a loadable model, "
            + $"{r.Mixed} with a model that is neither old nor new; {r.KeptOld} kept the old model, {r.GotNew} had the new one; "
            + $"re-plugged: {r.Trials - r.ReuploadFailures} uploads finished ({r.Resumed} resumed), {r.ReuploadFailures} failed "
            + $"[{watch.Elapsed.TotalSeconds:F1} s]");
        foreach (string failure in r.Failures) Console.WriteLine($"  BAD: {failure}");
        return r.WithoutLoadableModel == 0 && r.Mixed == 0 && r.ReuploadFailures == 0;
    }
}
