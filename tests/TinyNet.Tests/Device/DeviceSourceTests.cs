using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using TinyNet.ApiCheck;

namespace TinyNet.Tests.Device;

/// <summary>
/// nanoFramework projects cannot be built here, so their sources are checked statically: the project
/// files list every file, and the code compiles on the host against stand-ins for the nano packages
/// while calling only what the nanoFramework API list has.
/// </summary>
public class DeviceSourceTests
{
    private static readonly Lazy<ApiList> Api = new(() => ApiList.Load(ApiList.DefaultPath));

    public static TheoryData<string> NanoProjects() =>
        new() { NanoCompiler.EngineProject, NanoCompiler.AppProject, NanoCompiler.BenchProject, NanoCompiler.TestProject };

    [Fact]
    public void Projitems_lists_every_shared_cs_file_and_nothing_else()
    {
        var projitems = NanoProject.Load("shared/TinyNet.Shared.projitems");
        AssertSameFiles(CsFilesUnder(projitems.Directory), projitems.OwnCompileItems(), "shared/TinyNet.Shared.projitems");
    }

    [Fact]
    public void The_flash_store_is_one_shared_project_that_the_app_and_the_host_import()
    {
        var storage = NanoProject.Load("device/TinyNet.Device.Storage/TinyNet.Device.Storage.projitems");
        AssertSameFiles(CsFilesUnder(storage.Directory), storage.OwnCompileItems(), "device/TinyNet.Device.Storage/TinyNet.Device.Storage.projitems");
        string store = Path.Combine(storage.Directory, "FlashModelStore.cs");
        Assert.Equal([store], storage.OwnCompileItems());

        var app = NanoProject.Load(NanoCompiler.AppProject);
        Assert.Contains(storage.Path, app.SharedImports());
        Assert.Contains(store, app.AllCompileItems()); // so the nano compile and API check below cover it

        var host = NanoProject.Load("host/TinyNet.Host/TinyNet.Host.csproj");
        Assert.Equal([storage.Path], host.SharedImports());
        Assert.DoesNotContain(host.OwnCompileItems(), item => item.Contains("/device/", StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void Nfproj_lists_every_cs_file_in_its_folder_and_its_links_exist(string projectPath)
    {
        var project = NanoProject.Load(projectPath);
        var items = project.OwnCompileItems();
        var inFolder = items.Where(i => i.StartsWith(project.Directory + "/", StringComparison.Ordinal)).ToList();
        AssertSameFiles(CsFilesUnder(project.Directory), inFolder, projectPath);
        foreach (var linked in items.Except(inFolder))
            Assert.True(File.Exists(linked), $"{projectPath} links {linked}, which does not exist");
        Assert.Equal(items.Count, items.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(NanoProjects))]
    public void Nfproj_hint_paths_point_at_the_packages_in_packages_config(string projectPath)
    {
        var project = NanoProject.Load(projectPath);
        var config = XDocument.Load(Path.Combine(project.Directory, "packages.config"));
        var listed = config.Descendants("package")
            .Select(p => $"{(string?)p.Attribute("id")}.{(string?)p.Attribute("version")}")
            .OrderBy(p => p, StringComparer.Ordinal).ToList();
        var used = project.HintPathPackages().OrderBy(p => p, StringComparer.Ordinal).ToList();
        Assert.Equal(listed, used);
        Assert.All(config.Descendants("package"), p => Assert.Equal("netnano1.0", (string?)p.Attribute("targetFramework")));
    }

    [Fact]
    public void The_engine_library_and_the_test_project_compile_the_shared_list()
    {
        var engine = NanoProject.Load(NanoCompiler.EngineProject);
        Assert.Equal([Path.Combine(NanoProject.RepoRoot, "shared", "TinyNet.Shared.projitems")], engine.SharedImports());
        var tests = NanoProject.Load(NanoCompiler.TestProject);
        Assert.Equal("NFUnitTest", tests.Property("AssemblyName"));
        Assert.Contains(tests.ProjectReferences(), p => p.EndsWith("TinyNet.Device.Engine.nfproj", StringComparison.Ordinal));
        Assert.Contains(Path.Combine(NanoProject.RepoRoot, "tests", "Vectors", "LectureVectors.cs"), tests.OwnCompileItems());
        Assert.True(File.Exists(Path.Combine(tests.Directory, "nano.runsettings")));
    }

    [Theory]
    [InlineData(NanoCompiler.EngineProject, "M:System.Math.Exp(System.Double)")]
    [InlineData(NanoCompiler.AppProject, "M:nanoFramework.Hardware.Esp32.Configuration.SetPinFunction(System.Int32,nanoFramework.Hardware.Esp32.DeviceFunction)")]
    [InlineData(NanoCompiler.BenchProject, "M:System.Console.WriteLine(System.String)")]
    [InlineData(NanoCompiler.TestProject, "M:nanoFramework.TestFramework.Assert.IsTrue(System.Boolean,System.String)")]
    public void Nano_project_compiles_without_warnings_and_uses_only_the_nanoFramework_api(string projectPath, string oneApiItUses)
    {
        using var compiled = NanoCompiler.Compile(projectPath, []);
        Assert.True(compiled.Diagnostics.IsEmpty, string.Join(Environment.NewLine, compiled.Diagnostics.Select(Describe)));

        var il = AssemblyChecker.Check(compiled.DllPath!, Api.Value, NanoProject.RepoRoot);
        Assert.True(il.IsClean, string.Join(Environment.NewLine, il.Violations));
        Assert.Contains(oneApiItUses, il.Apis);

        var missing = ApiSymbols.Missing(compiled, Api.Value);
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public void The_stubs_declare_only_apis_in_the_nanoFramework_list()
    {
        Assert.Empty(NanoCompiler.Stubs.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning));
        var declared = new List<string>();
        Collect(NanoCompiler.Stubs.Assembly.GlobalNamespace, declared);
        Assert.True(declared.Count > 20, $"only {declared.Count} stub APIs found");
        var absent = declared.Where(id => !Api.Value.Contains(id)).ToList();
        Assert.True(absent.Count == 0, "not in nanoframework-api.txt: " + string.Join(", ", absent));
    }

    [Fact]
    public void A_planted_call_and_a_planted_constant_nano_lacks_are_both_reported()
    {
        const string planted = """
            namespace TinyNet.Device
            {
                /// <summary>Planted.</summary>
                public static class Planted
                {
                    /// <summary>Planted.</summary>
                    public static int Run()
                    {
                        System.Console.WriteLine(1.5f);
                        return (int)System.StringComparison.Ordinal;
                    }
                }
            }
            """;
        using var compiled = NanoCompiler.Compile(NanoCompiler.AppProject, [planted]);
        Assert.True(compiled.DllPath is not null, string.Join(Environment.NewLine, compiled.Diagnostics.Select(Describe)));

        var il = AssemblyChecker.Check(compiled.DllPath!, Api.Value, NanoProject.RepoRoot);
        Assert.Contains(il.Violations, v => v.What.Contains("M:System.Console.WriteLine(System.Single)", StringComparison.Ordinal));

        var missing = ApiSymbols.Missing(compiled, Api.Value);
        Assert.Contains(missing, m => m.EndsWith("F:System.StringComparison.Ordinal is not in the nanoFramework API list", StringComparison.Ordinal));
        Assert.Contains(missing, m => m.Contains("Planted0.cs:9: M:System.Console.WriteLine(System.Single)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_solution_lists_the_nano_projects_with_the_nano_type_and_the_host_filter_does_not()
    {
        var solution = File.ReadAllText(Path.Combine(NanoProject.RepoRoot, "TinyNet.sln"));
        var filter = File.ReadAllText(Path.Combine(NanoProject.RepoRoot, "host", "TinyNet.Host.slnf"));
        foreach (var path in new[] { NanoCompiler.EngineProject, NanoCompiler.AppProject, NanoCompiler.BenchProject, NanoCompiler.TestProject })
        {
            var windowsPath = path.Replace('/', '\\');
            Assert.Contains($"Project(\"{{11A8DD76-328B-46DF-9F39-F559912D0360}}\") = \"{Path.GetFileNameWithoutExtension(path)}\", \"{windowsPath}\"", solution);
            Assert.DoesNotContain(Path.GetFileName(path), filter);
        }
    }

    private static List<string> CsFilesUnder(string directory) =>
        Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/bin/", StringComparison.Ordinal) && !f.Contains("/obj/", StringComparison.Ordinal))
            .ToList();

    private static void AssertSameFiles(IEnumerable<string> onDisk, IEnumerable<string> listed, string project)
    {
        var disk = onDisk.Select(Path.GetFullPath).ToHashSet();
        var list = listed.Select(Path.GetFullPath).ToHashSet();
        var unlisted = disk.Except(list).Select(f => Path.GetRelativePath(NanoProject.RepoRoot, f)).ToList();
        var missing = list.Except(disk).Select(f => Path.GetRelativePath(NanoProject.RepoRoot, f)).ToList();
        Assert.True(unlisted.Count == 0, $"{project} does not list: {string.Join(", ", unlisted)}");
        Assert.True(missing.Count == 0, $"{project} lists files that do not exist: {string.Join(", ", missing)}");
    }

    private static void Collect(INamespaceSymbol ns, List<string> ids)
    {
        foreach (var type in ns.GetTypeMembers().Where(t => t.DeclaredAccessibility == Accessibility.Public))
        {
            ids.Add(type.GetDocumentationCommentId()!);
            foreach (var member in type.GetMembers().Where(m => m.DeclaredAccessibility == Accessibility.Public && !m.IsImplicitlyDeclared))
                ids.Add(member.GetDocumentationCommentId()!);
        }
        foreach (var child in ns.GetNamespaceMembers()) Collect(child, ids);
    }

    private static string Describe(Diagnostic d)
    {
        var span = d.Location.GetLineSpan();
        return $"{Path.GetRelativePath(NanoProject.RepoRoot, span.Path)}:{span.StartLinePosition.Line + 1}: {d.Id} {d.GetMessage()}";
    }
}
