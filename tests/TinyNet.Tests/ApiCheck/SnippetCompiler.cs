using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TinyNet.ApiCheck;

namespace TinyNet.Tests.ApiCheck;

/// <summary>
/// Compiles a C# snippet the way host/TinyNet.Engine compiles shared/ (C# 9 against the net10.0
/// reference assemblies, portable PDB beside the dll) and runs the API check on it. The snippet's
/// file is called shared/Planted.cs under a temp root, so messages read like real ones.
/// </summary>
public sealed class SnippetCompiler : IDisposable
{
    public const string SourcePath = "shared/Planted.cs";

    private static readonly Lazy<IReadOnlyList<MetadataReference>> References = new(LoadReferences);

    /// <summary>The net10.0 reference assemblies the snippets compile against (the device-source check uses them too).</summary>
    public static IReadOnlyList<MetadataReference> NetReferences => References.Value;
    private static readonly Lazy<ApiList> Api = new(() => ApiList.Load(ApiList.DefaultPath));

    private readonly string _root = Directory.CreateTempSubdirectory("tinynet-apicheck-").FullName;

    public string Root => _root;

    /// <summary>Compiles <paramref name="source"/> into Planted.dll (+ .pdb) and returns the dll's path.</summary>
    public string Compile(string source, LanguageVersion languageVersion = LanguageVersion.CSharp9, bool allowUnsafe = false)
    {
        var path = Path.Combine(_root, "shared", "Planted.cs");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, source);
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(languageVersion), path, System.Text.Encoding.UTF8);
        var compilation = CSharpCompilation.Create("Planted", [tree], References.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, allowUnsafe: allowUnsafe,
                optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable));
        var dll = Path.Combine(_root, "Planted.dll");
        var pdb = Path.Combine(_root, "Planted.pdb");
        using (var dllStream = File.Create(dll))
        using (var pdbStream = File.Create(pdb))
        {
            var result = compilation.Emit(dllStream, pdbStream,
                options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdb));
            var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            Assert.True(result.Success, "snippet does not compile: " + string.Join("; ", errors));
        }
        return dll;
    }

    /// <summary>Compiles and checks; returns the violation lines as the tool prints them.</summary>
    public (CheckResult Result, List<string> Lines) Check(string source, LanguageVersion languageVersion = LanguageVersion.CSharp9,
        bool allowUnsafe = false)
    {
        var result = AssemblyChecker.Check(Compile(source, languageVersion, allowUnsafe), Api.Value, _root);
        return (result, result.Violations.Select(v => v.ToString()).ToList());
    }

    /// <summary>The 1-based line of the first line of <paramref name="source"/> containing <paramref name="marker"/>.</summary>
    public static int LineOf(string source, string marker)
    {
        var lines = source.Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].Contains(marker, StringComparison.Ordinal))
                return i + 1;
        throw new ArgumentException($"marker '{marker}' not in the snippet");
    }

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }

    /// <summary>
    /// The net10.0 reference assemblies (the targeting pack next to the running runtime); if the pack
    /// is not installed, the runtime's own assemblies, which spell the same doc IDs.
    /// </summary>
    private static IReadOnlyList<MetadataReference> LoadReferences()
    {
        var runtimeDir = Path.GetDirectoryName(typeof(object).Assembly.Location)!;   // .../shared/Microsoft.NETCore.App/10.0.x
        var dotnetRoot = Path.GetFullPath(Path.Combine(runtimeDir, "..", "..", ".."));
        var packs = Path.Combine(dotnetRoot, "packs", "Microsoft.NETCore.App.Ref");
        var refDir = Directory.Exists(packs)
            ? Directory.GetDirectories(packs, $"{Environment.Version.Major}.*")
                .Select(d => Path.Combine(d, "ref", $"net{Environment.Version.Major}.0"))
                .Where(Directory.Exists)
                .OrderByDescending(d => d, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;
        var files = refDir is not null
            ? Directory.GetFiles(refDir, "*.dll")
            : ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return files.Select(f => (MetadataReference)MetadataReference.CreateFromFile(f)).ToList();
    }
}
