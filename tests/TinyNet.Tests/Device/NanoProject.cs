using System.Runtime.CompilerServices;
using System.Xml.Linq;

namespace TinyNet.Tests.Device;

/// <summary>
/// What a classic nanoFramework project file (.nfproj) or the shared .projitems says: its Compile
/// items (with imported .projitems expanded), package HintPaths and project references. Paths come
/// back absolute, with the Windows backslashes MSBuild files use turned into '/'.
/// </summary>
public sealed class NanoProject
{
    private NanoProject(string path, XDocument document)
    {
        Path = path;
        Document = document;
    }

    /// <summary>The repository root, found from this source file's location at build time.</summary>
    public static string RepoRoot { get; } = FindRoot();

    public string Path { get; }

    public string Directory => System.IO.Path.GetDirectoryName(Path)!;

    public XDocument Document { get; }

    public static NanoProject Load(string repoRelativePath)
    {
        var path = System.IO.Path.Combine(RepoRoot, repoRelativePath);
        return new NanoProject(path, XDocument.Load(path));
    }

    /// <summary>This file's own Compile items (not the imported ones).</summary>
    public IReadOnlyList<string> OwnCompileItems() => Items("Compile").Select(Resolve).ToList();

    /// <summary>Compile items including those of every imported .projitems, in order.</summary>
    public IReadOnlyList<string> AllCompileItems()
    {
        var files = new List<string>();
        foreach (var import in Elements("Import"))
        {
            var project = (string?)import.Attribute("Project");
            if (project is not null && project.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
                files.AddRange(new NanoProject(Resolve(project), XDocument.Load(Resolve(project))).OwnCompileItems());
        }
        files.AddRange(OwnCompileItems());
        return files;
    }

    /// <summary>The .projitems files this project imports.</summary>
    public IReadOnlyList<string> SharedImports() => Elements("Import")
        .Select(e => (string?)e.Attribute("Project"))
        .Where(p => p is not null && p.EndsWith(".projitems", StringComparison.OrdinalIgnoreCase))
        .Select(p => Resolve(p!))
        .ToList();

    /// <summary>Package folder names (id.version) that the references' HintPaths point into.</summary>
    public IReadOnlyList<string> HintPathPackages() => Elements("HintPath")
        .Select(e => e.Value.Replace('\\', '/'))
        .Select(p => p.Split('/'))
        .Select(parts => parts[Array.IndexOf(parts, "packages") + 1])
        .Distinct()
        .ToList();

    /// <summary>Project references, as absolute paths.</summary>
    public IReadOnlyList<string> ProjectReferences() => Items("ProjectReference").Select(Resolve).ToList();

    /// <summary>The text of the first property called <paramref name="name"/>, or null.</summary>
    public string? Property(string name) => Elements(name).FirstOrDefault()?.Value;

    private IEnumerable<XElement> Elements(string localName) =>
        Document.Descendants().Where(e => e.Name.LocalName == localName);

    private IEnumerable<string> Items(string itemType) =>
        Elements(itemType).Select(e => (string?)e.Attribute("Include")).Where(i => i is not null)!;

    private string Resolve(string include)
    {
        var relative = include.Replace("$(MSBuildThisFileDirectory)", "").Replace('\\', '/');
        return System.IO.Path.GetFullPath(System.IO.Path.Combine(Directory, relative));
    }

    private static string FindRoot([CallerFilePath] string thisFile = "")
    {
        // tests/TinyNet.Tests/Device/NanoProject.cs → the repository root is three folders up.
        var root = System.IO.Path.GetFullPath(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(thisFile)!, "..", "..", ".."));
        if (!File.Exists(System.IO.Path.Combine(root, "TinyNet.sln")))
            throw new InvalidOperationException($"no TinyNet.sln at {root}: the device-source tests read the repository's files");
        return root;
    }
}
