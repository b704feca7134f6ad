namespace TinyNet.Fuzz;

/// <summary>
/// Entry point. Modes:
///   model|idx|link [FILE]     run one fuzz target once on FILE (or stdin), or under AFL++ when
///                             started by afl-fuzz (tools/fuzz.sh)
///   --write-corpus DIR        write valid seed files for each target into DIR/{model,idx,link}
///   figures [--count N]       the hardening figures (tools/figures.sh)
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: TinyNet.Fuzz model|idx|link [FILE] | --write-corpus DIR | figures [--count N]");
            return 2;
        }
        Console.Error.WriteLine($"unknown mode '{args[0]}'; expected model, idx, link, --write-corpus or figures");
        return 2;
    }
}
