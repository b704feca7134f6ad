namespace TinyNet.ApiCheck;

/// <summary>
/// The nanoFramework API as a set of documentation-comment IDs (T:, M:, F:, P:, E:), read from
/// nanoframework-api.txt: one ID per line, '#' lines are comments.
/// </summary>
public sealed class ApiList
{
    /// <summary>The file name of the list that ships next to the tool.</summary>
    public const string DefaultFileName = "nanoframework-api.txt";

    private readonly HashSet<string> _ids;

    private ApiList(HashSet<string> ids) => _ids = ids;

    /// <summary>Number of IDs in the list.</summary>
    public int Count => _ids.Count;

    /// <summary>The list that was copied next to the tool's assembly at build time.</summary>
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, DefaultFileName);

    /// <summary>Reads the list; throws <see cref="ApiCheckException"/> when it is missing or empty.</summary>
    public static ApiList Load(string path)
    {
        if (!File.Exists(path))
            throw new ApiCheckException($"API list not found: {path} (pass --api with the path to nanoframework-api.txt)");
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
                continue;
            ids.Add(line);
        }
        if (ids.Count == 0)
            throw new ApiCheckException($"API list {path} holds no IDs: is it the right file?");
        return new ApiList(ids);
    }

    /// <summary>True when nanoFramework declares the API with this doc ID.</summary>
    public bool Contains(string docId) => _ids.Contains(docId);
}
