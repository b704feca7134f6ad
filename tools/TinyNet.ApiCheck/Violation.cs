namespace TinyNet.ApiCheck;

/// <summary>
/// One thing the device cannot run, printed as
/// <c>shared/Kernels/Kernels.cs:42: Kernels.Dot() uses M:System.MathF.Exp(System.Single), which nanoFramework does not have</c>.
/// </summary>
/// <param name="Where">file:line (or file, or the assembly's file name when there is no PDB).</param>
/// <param name="Who">the source construct: method "Type.Method()", "field Type.f", "type Type", ...</param>
/// <param name="What">what it uses and why that fails on the device.</param>
public sealed record Violation(string Where, int Line, string Who, string What)
{
    public override string ToString() => $"{Where}: {Who} uses {What}";
}

/// <summary>The outcome of checking one assembly.</summary>
public sealed class CheckResult
{
    public required IReadOnlyList<Violation> Violations { get; init; }

    /// <summary>How many uses of external APIs were looked up in the list.</summary>
    public required int ReferencesChecked { get; init; }

    /// <summary>The different API IDs those uses name, sorted.</summary>
    public required IReadOnlyList<string> Apis { get; init; }

    /// <summary>How many different API IDs those uses name.</summary>
    public int DistinctApis => Apis.Count;

    /// <summary>SDK/compiler attributes left out on purpose (see <see cref="IgnoredAttributes"/>), as "Type on target".</summary>
    public required IReadOnlyList<string> IgnoredAttributes { get; init; }

    public bool IsClean => Violations.Count == 0;

    public string Summary => IsClean
        ? $"{ReferencesChecked} references checked ({DistinctApis} distinct APIs), all in the nanoFramework API"
        : $"{Violations.Count} violation(s) in {ReferencesChecked} references checked ({DistinctApis} distinct APIs)";
}
