using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Emit;
using TinyNet.Tests.ApiCheck;

namespace TinyNet.Tests.Device;

/// <summary>
/// Compiles a nanoFramework project's sources on the host the way its .nfproj would (C# 9,
/// NANOFRAMEWORK_1_0 and DEBUG defined, documentation comments checked), against the net10.0
/// reference assemblies plus <see cref="StubFile"/> for the nano package APIs .NET lacks, and writes
/// the dll and pdb so the API check (tools/TinyNet.ApiCheck) can read them.
/// </summary>
public static class NanoCompiler
{
    public const string EngineProject = "device/TinyNet.Device.Engine/TinyNet.Device.Engine.nfproj";
    public const string AppProject = "device/TinyNet.Device/TinyNet.Device.nfproj";
    public const string BenchProject = "device/TinyNet.Device.Bench/TinyNet.Device.Bench.nfproj";
    public const string TestProject = "tests/TinyNet.Device.Tests/TinyNet.Device.Tests.nfproj";

    /// <summary>The stand-ins for nano package APIs, relative to the repository root.</summary>
    public const string StubFile = "tests/TinyNet.Tests/Device/NanoPackageApis.stub";

    public static readonly CSharpParseOptions ParseOptions = new(LanguageVersion.CSharp9, DocumentationMode.Diagnose,
        SourceCodeKind.Regular, ["NANOFRAMEWORK_1_0", "DEBUG", "TRACE"]);

    private static readonly CSharpCompilationOptions Options = new(OutputKind.DynamicallyLinkedLibrary,
        optimizationLevel: OptimizationLevel.Release, nullableContextOptions: NullableContextOptions.Disable);

    private static readonly Lazy<CSharpCompilation> StubCompilation = new(() =>
        Create("NanoPackageApis", [Parse(Path.Combine(NanoProject.RepoRoot, StubFile))], SnippetCompiler.NetReferences));

    /// <summary>The stub assembly's compilation (to list what it declares).</summary>
    public static CSharpCompilation Stubs => StubCompilation.Value;

    /// <summary>
    /// Compiles the project at <paramref name="projectPath"/> (repository-relative), plus
    /// <paramref name="extraSources"/> (planted code for tests), into a fresh temp folder.
    /// </summary>
    public static Compiled Compile(string projectPath, IReadOnlyList<string> extraSources)
    {
        var project = NanoProject.Load(projectPath);
        // The engine's sources go into the same compilation, so the API check sees them as the
        // project's own code (they are checked against the list like everything else).
        var files = new List<string>();
        if (project.ProjectReferences().Any(p => p.EndsWith("TinyNet.Device.Engine.nfproj", StringComparison.Ordinal)))
            files.AddRange(NanoProject.Load(EngineProject).AllCompileItems().Where(f => !f.EndsWith("AssemblyInfo.cs", StringComparison.Ordinal)));
        files.AddRange(project.AllCompileItems());
        var trees = files.Select(Parse).ToList();
        for (int i = 0; i < extraSources.Count; i++)
            trees.Add(CSharpSyntaxTree.ParseText(extraSources[i], ParseOptions, Path.Combine(project.Directory, $"Planted{i}.cs"),
                System.Text.Encoding.UTF8));

        var references = new List<MetadataReference>(SnippetCompiler.NetReferences) { StubCompilation.Value.ToMetadataReference() };

        var name = project.Property("AssemblyName") ?? Path.GetFileNameWithoutExtension(projectPath);
        var compilation = Create(name, trees, references);
        var folder = Directory.CreateTempSubdirectory("tinynet-nano-").FullName;
        var dll = Path.Combine(folder, name + ".dll");
        var pdb = Path.Combine(folder, name + ".pdb");
        EmitResult result;
        using (var dllStream = File.Create(dll))
        using (var pdbStream = File.Create(pdb))
        {
            result = compilation.Emit(dllStream, pdbStream,
                options: new EmitOptions(debugInformationFormat: DebugInformationFormat.PortablePdb, pdbFilePath: pdb));
        }
        return new Compiled(compilation, result.Diagnostics.Where(d => d.Severity >= DiagnosticSeverity.Warning).ToImmutableArray(),
            result.Success ? dll : null, folder);
    }

    private static SyntaxTree Parse(string path) =>
        CSharpSyntaxTree.ParseText(File.ReadAllText(path), ParseOptions, path, System.Text.Encoding.UTF8);

    private static CSharpCompilation Create(string name, IEnumerable<SyntaxTree> trees, IEnumerable<MetadataReference> references) =>
        CSharpCompilation.Create(name, trees, references, Options);

    public sealed record Compiled(CSharpCompilation Compilation, ImmutableArray<Diagnostic> Diagnostics, string? DllPath,
        string Folder) : IDisposable
    {
        public void Dispose()
        {
            try { Directory.Delete(Folder, recursive: true); }
            catch (IOException) { /* a leftover temp folder is harmless */ }
        }
    }
}
