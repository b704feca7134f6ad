using TinyNet.Fuzz.Figures;
using TinyNet.Fuzz.Targets;

namespace TinyNet.Fuzz;

/// <summary>
/// Entry point. Modes:
///   model|idx|link|session [FILE]  run one fuzz target: on FILE once (prints the outcome), else on
///                                  stdin, or in a loop when started by afl-fuzz (tools/fuzz.sh)
///   --write-corpus DIR             write valid seed inputs into DIR/{model,idx,link,session}
///   figures [--count N] [--fuzz-dir DIR] [--cuts N]   the hardening figures (tools/figures.sh)
/// </summary>
public static class Program
{
    private const string Usage = "usage: TinyNet.Fuzz model|idx|link|session [FILE] | --write-corpus DIR | figures [--count N] [--cuts N] [--fuzz-dir DIR]";

    public static int Main(string[] args)
    {
        if (args.Length == 0) return Fail(Usage);
        string mode = args[0];
        if (mode == "--write-corpus")
        {
            if (args.Length != 2) return Fail(Usage);
            foreach (var (target, count) in SeedCorpus.Write(args[1])) Console.WriteLine($"{target}: {count} seeds in {Path.Combine(args[1], target)}");
            return 0;
        }
        if (mode == "figures") return FiguresCommand.Run(args[1..]);
        if (!FuzzTargets.Names.Contains(mode)) return Fail($"unknown mode '{mode}'; {Usage}");
        if (args.Length == 2) return RunFile(mode, args[1]);
        if (args.Length != 1) return Fail(Usage);
        // Under afl-fuzz this loops over the inputs AFL++ generates (persistent mode); otherwise it runs once on stdin.
        SharpFuzz.Fuzzer.Run(stream =>
        {
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            FuzzTargets.TryRun(mode, buffer.ToArray());
        });
        return 0;
    }

    private static int RunFile(string target, string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Fail($"cannot read {path}: {e.Message}");
        }
        try
        {
            FuzzTargets.TryRun(target, data);
            Console.WriteLine($"{path}: handled ({data.Length} bytes)");
            return 0;
        }
        catch (Exception e)
        {
            Console.WriteLine($"{path}: CRASH {e.GetType().Name}: {e.Message}");
            return 1;
        }
    }

    private static int Fail(string message)
    {
        Console.Error.WriteLine(message);
        return 2;
    }
}
