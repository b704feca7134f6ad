namespace TinyNet.ApiCheck;

/// <summary>
/// Command line: <c>TinyNet.ApiCheck [assembly.dll] [--api nanoframework-api.txt] [--root dir] [--verbose]</c>
/// (--verbose also lists the SDK/compiler attributes it left out on purpose).
/// Exit 0 = every reference is in the nanoFramework API, 1 = violations (one line each), 2 = bad input.
/// </summary>
public static class Program
{
    public const string Usage =
        "usage: TinyNet.ApiCheck [assembly.dll] [--api nanoframework-api.txt] [--root dir] [--verbose]  " +
        "(default assembly: artifacts/bin/TinyNet.Engine/<config>/TinyNet.Engine.dll under the repository; " +
        "tools/check-nano-api.sh builds it and runs this check)";

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        if (args is ["-h"] or ["--help"])
        {
            output.WriteLine(Usage);
            return 0;
        }
        try
        {
            var options = Options.Parse(args);
            var apiList = ApiList.Load(options.ApiPath ?? ApiList.DefaultPath);
            var assembly = options.AssemblyPath ?? DefaultAssembly();
            var result = AssemblyChecker.Check(assembly, apiList, options.Root ?? Directory.GetCurrentDirectory());
            foreach (var violation in result.Violations)
                output.WriteLine(violation);
            if (options.Verbose)
                foreach (var ignored in result.IgnoredAttributes)
                    output.WriteLine($"ignored (not in the nanoFramework build): {ignored}");
            if (options.Verbose)
                foreach (var api in result.Apis)
                    output.WriteLine($"checked: {api}");
            if (result.IsClean)
            {
                output.WriteLine(result.Summary);
                return 0;
            }
            error.WriteLine($"nanoFramework API check failed: {result.Summary} in {assembly}");
            return 1;
        }
        catch (ApiCheckException e)
        {
            error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (BadImageFormatException e)
        {
            error.WriteLine($"error: cannot read the assembly: {e.Message}");
            return 2;
        }
    }

    /// <summary>The engine built into the repository's ignored artifacts/ folder (newest configuration wins).</summary>
    private static string DefaultAssembly()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (!File.Exists(Path.Combine(dir.FullName, "TinyNet.sln")))
                continue;
            var builds = Directory.Exists(Path.Combine(dir.FullName, "artifacts", "bin", "TinyNet.Engine"))
                ? Directory.GetFiles(Path.Combine(dir.FullName, "artifacts", "bin", "TinyNet.Engine"), "TinyNet.Engine.dll", SearchOption.AllDirectories)
                : [];
            if (builds.Length == 0)
                throw new ApiCheckException($"no TinyNet.Engine.dll under {Path.Combine(dir.FullName, "artifacts")}: " +
                                            "run tools/check-nano-api.sh, or pass the assembly path");
            return builds.OrderByDescending(File.GetLastWriteTimeUtc).First();
        }
        throw new ApiCheckException("not inside the TinyNet repository: pass the assembly path");
    }

    private sealed record Options(string? AssemblyPath, string? ApiPath, string? Root, bool Verbose)
    {
        public static Options Parse(string[] args)
        {
            string? assembly = null, api = null, root = null;
            bool verbose = false;
            for (int i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--api": api = Value(args, ref i); break;
                    case "--root": root = Value(args, ref i); break;
                    case "--verbose": verbose = true; break;
                    default:
                        if (args[i].StartsWith('-') || assembly is not null)
                            throw new ApiCheckException($"unexpected argument '{args[i]}'; {Usage}");
                        assembly = args[i];
                        break;
                }
            }
            return new Options(assembly, api, root, verbose);
        }

        private static string Value(string[] args, ref int i)
        {
            if (i + 1 >= args.Length)
                throw new ApiCheckException($"{args[i]} needs a value; {Usage}");
            return args[++i];
        }
    }
}
