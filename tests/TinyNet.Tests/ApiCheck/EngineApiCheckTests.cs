using TinyNet.ApiCheck;

namespace TinyNet.Tests.ApiCheck;

/// <summary>The real shared engine (TinyNet.Engine.dll, built next to the tests) and the command line.</summary>
public sealed class EngineApiCheckTests : IDisposable
{
    private static readonly string EngineDll = Path.Combine(AppContext.BaseDirectory, "TinyNet.Engine.dll");
    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    [Fact]
    public void TheSharedEngineUsesOnlyTheNanoFrameworkApi()
    {
        var result = AssemblyChecker.Check(EngineDll, ApiList.Load(ApiList.DefaultPath), AppContext.BaseDirectory);
        Assert.True(result.IsClean, string.Join(Environment.NewLine, result.Violations));
        // The engine does reach the list through its math seam, so the check is not vacuous.
        Assert.Contains("M:System.Math.Exp(System.Double)", result.Apis);
        Assert.True(result.ReferencesChecked > 100, $"only {result.ReferencesChecked} references checked");
        // What was left out is exactly the SDK's generated assembly attributes and the compiler's optional ones.
        Assert.Contains("System.Runtime.Versioning.TargetFrameworkAttribute (an assembly attribute)", result.IgnoredAttributes);
        Assert.All(result.IgnoredAttributes, a => Assert.True(
            a.EndsWith("(an assembly attribute)", StringComparison.Ordinal) || a.EndsWith("(a module attribute)", StringComparison.Ordinal)
            || a.StartsWith("System.Runtime.CompilerServices.CompilerGeneratedAttribute", StringComparison.Ordinal)
            || a.StartsWith("System.Diagnostics.Debugger", StringComparison.Ordinal), a));
    }

    [Fact]
    public void CleanAssemblyExitsZeroWithOneSummaryLine()
    {
        var (code, output, error) = Run(EngineDll);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Matches(@"^\d+ references checked \(\d+ distinct APIs\), all in the nanoFramework API$", output.TrimEnd());
    }

    [Fact]
    public void ViolationsExitOneWithOneLinePerViolation()
    {
        var dll = _compiler.Compile("""
            namespace TinyNet
            {
                public static class Planted
                {
                    public static float Exp(float x) { return System.MathF.Exp(x); }
                    public static float Log(float x) { return System.MathF.Log(x); }
                }
            }
            """);
        var (code, output, error) = Run(dll, "--root", _compiler.Root);
        Assert.Equal(1, code);
        Assert.Equal(
            [
                "shared/Planted.cs:5: Planted.Exp() uses M:System.MathF.Exp(System.Single), which nanoFramework does not have",
                "shared/Planted.cs:6: Planted.Log() uses M:System.MathF.Log(System.Single), which nanoFramework does not have",
            ],
            output.TrimEnd().Split('\n'));
        Assert.StartsWith("nanoFramework API check failed: 2 violation(s)", error);
    }

    [Fact]
    public void WithoutAPdbTheMethodAndIlOffsetStillNameTheConstruct()
    {
        var dll = _compiler.Compile("""
            namespace TinyNet
            {
                public static class Planted
                {
                    public static float Exp(float x) { return System.MathF.Exp(x); }
                }
            }
            """);
        File.Delete(Path.ChangeExtension(dll, ".pdb"));
        var (code, output, _) = Run(dll);
        Assert.Equal(1, code);
        var lines = output.TrimEnd().Split('\n');
        Assert.Matches(@"^Planted\.dll: Planted\.Exp\(\) at IL_[0-9a-f]{4} uses M:System\.MathF\.Exp\(System\.Single\), which nanoFramework does not have$",
            lines[0]);
        // Without the PDB's record of the C# version, RefSafetyRules cannot be told apart from a C# 11 build.
        Assert.Equal("Planted.dll: a module attribute uses M:System.Runtime.CompilerServices.RefSafetyRulesAttribute.#ctor(System.Int32), " +
                     "which nanoFramework does not have", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void MissingInputsAreOneClearErrorLineAndExitTwo()
    {
        var (code, output, error) = Run(Path.Combine(_compiler.Root, "nope.dll"));
        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Equal($"error: assembly not found: {Path.Combine(_compiler.Root, "nope.dll")}", error.TrimEnd());

        (code, _, error) = Run(EngineDll, "--api", Path.Combine(_compiler.Root, "none.txt"));
        Assert.Equal(2, code);
        Assert.StartsWith("error: API list not found:", error);
    }

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int code = Program.Run(args, output, error);
        return (code, output.ToString().Replace("\r\n", "\n"), error.ToString());
    }
}
