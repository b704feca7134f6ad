using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;

namespace TinyNet.ApiCheck;

/// <summary>
/// Maps methods and IL offsets to source file and line through the portable PDB (next to the dll or
/// embedded). Without a PDB every lookup returns null and violations name only the method.
/// </summary>
public sealed class SourceMap
{
    // Roslyn's custom debug info that records the documents of types which have no method bodies.
    private static readonly Guid TypeDefinitionDocumentsKind = new("932E74BC-DBA9-4478-8D46-0F32A7BAB3D3");

    // Roslyn's compilation options record (key/value pairs such as "language-version" = "9.0").
    private static readonly Guid CompilationOptionsKind = new("B5FEEC05-8CD0-4A83-96DA-466284BB4BD8");

    private readonly MetadataReader? _pdb;
    private readonly string _root;

    public SourceMap(MetadataReader? pdb, string root)
    {
        _pdb = pdb;
        _root = Path.GetFullPath(root);
    }

    /// <summary>The C# language version the PDB says the assembly was compiled with (e.g. 9.0), if recorded.</summary>
    public Version? LanguageVersion
    {
        get
        {
            var text = CompilationOption("language-version");
            return text is not null && Version.TryParse(text.Contains('.') ? text : text + ".0", out var version) ? version : null;
        }
    }

    private string? CompilationOption(string key)
    {
        if (_pdb is null)
            return null;
        foreach (var handle in _pdb.GetCustomDebugInformation(EntityHandle.ModuleDefinition))
        {
            var info = _pdb.GetCustomDebugInformation(handle);
            if (_pdb.GetGuid(info.Kind) != CompilationOptionsKind)
                continue;
            // NUL-terminated UTF-8 strings: key, value, key, value, ...
            var parts = System.Text.Encoding.UTF8.GetString(_pdb.GetBlobBytes(info.Value)).Split('\0');
            for (int i = 0; i + 1 < parts.Length; i += 2)
                if (parts[i] == key)
                    return parts[i + 1];
        }
        return null;
    }

    /// <summary>The source line of the IL at <paramref name="ilOffset"/>: the last visible sequence point at or before it.</summary>
    public SourceLocation? At(MethodDefinitionHandle method, int ilOffset)
    {
        SequencePoint? best = null;
        foreach (var point in VisiblePoints(method))
        {
            if (point.Offset <= ilOffset || best is null)
                best = point;
            if (point.Offset > ilOffset)
                break;
        }
        return best is { } p ? Location(p.Document, p.StartLine) : null;
    }

    /// <summary>Where a method starts: its first visible sequence point (usually the opening brace).</summary>
    public SourceLocation? OfMethod(MethodDefinitionHandle method)
    {
        foreach (var point in VisiblePoints(method))
            return Location(point.Document, point.StartLine);
        return null;
    }

    /// <summary>The file that declares a type (no line: the PDB does not record type positions).</summary>
    public SourceLocation? OfType(MetadataReader assembly, TypeDefinitionHandle type)
    {
        if (_pdb is null)
            return null;
        foreach (var method in assembly.GetTypeDefinition(type).GetMethods())
            if (OfMethod(method) is { } location)
                return location with { Line = 0 };
        foreach (var handle in _pdb.GetCustomDebugInformation(type))
        {
            var info = _pdb.GetCustomDebugInformation(handle);
            if (_pdb.GetGuid(info.Kind) != TypeDefinitionDocumentsKind)
                continue;
            var blob = _pdb.GetBlobReader(info.Value);
            if (blob.RemainingBytes > 0)
                return Location(MetadataTokens.DocumentHandle(blob.ReadCompressedInteger()), 0);
        }
        var outer = assembly.GetTypeDefinition(type).GetDeclaringType();
        return outer.IsNil ? null : OfType(assembly, outer);
    }

    private IEnumerable<SequencePoint> VisiblePoints(MethodDefinitionHandle method)
    {
        if (_pdb is null)
            yield break;
        var info = _pdb.GetMethodDebugInformation(method.ToDebugInformationHandle());
        if (info.SequencePointsBlob.IsNil)
            yield break;
        foreach (var point in info.GetSequencePoints())
            if (!point.IsHidden)
                yield return point;
    }

    private SourceLocation Location(DocumentHandle document, int line)
    {
        var path = _pdb!.GetString(_pdb.GetDocument(document).Name);
        return new SourceLocation(DisplayPath(path), line);
    }

    private string DisplayPath(string path)
    {
        var full = Path.GetFullPath(path);
        var relative = Path.GetRelativePath(_root, full);
        var shown = relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? full : relative;
        return shown.Replace('\\', '/');
    }
}

/// <summary>A file and line (Line 0 = file only).</summary>
public readonly record struct SourceLocation(string File, int Line)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}" : File;
}
