namespace TinyNet.ApiCheck;

/// <summary>
/// The checker reads the host build, and the compiler binds some constructs to APIs that exist only
/// on .NET because it looks for them there first. When nanoFramework's mscorlib lacks them, the device
/// build of the same source binds to an older API that nano has. Those few are accepted here; a few
/// others stay errors but get a hint saying how to write the code so both builds agree.
/// </summary>
public static class HostOnlyBindings
{
    /// <summary>
    /// True when the device build of the same source would call something nanoFramework has instead
    /// of <paramref name="docId"/>. <paramref name="inEventAccessor"/>: the reference sits in a
    /// compiler-generated add_/remove_ accessor of a field-like event.
    /// </summary>
    public static bool IsAccepted(string docId, ApiList api, bool inEventAccessor)
    {
        switch (docId)
        {
            // lock (x): Roslyn uses Enter(object, ref bool) when it exists, else Enter(object).
            case "M:System.Threading.Monitor.Enter(System.Object,System.Boolean@)":
                return api.Contains("M:System.Threading.Monitor.Enter(System.Object)");
            // Field-like event accessors: a CompareExchange<T> loop when it exists, else plain
            // Delegate.Combine/Remove and a field store.
            case "M:System.Threading.Interlocked.CompareExchange``1(``0@,``0,``0)":
                return inEventAccessor && api.Contains("M:System.Delegate.Combine(System.Delegate,System.Delegate)")
                                       && api.Contains("M:System.Delegate.Remove(System.Delegate,System.Delegate)");
        }
        // A public field on .NET that nano exposes as a read-only property (BitConverter.IsLittleEndian):
        // the same source reads the field on the host and calls the getter on the device.
        if (docId.StartsWith("F:", StringComparison.Ordinal))
        {
            int lastDot = docId.LastIndexOf('.');
            return api.Contains(string.Concat("M:", docId.AsSpan(2, lastDot - 1), "get_", docId.AsSpan(lastDot + 1)));
        }
        // x.ToString()/GetHashCode()/Equals(object) on a type whose nano version does not override
        // them binds to the inherited System.Object method, which nano has.
        int dot = docId.LastIndexOf('.', docId.IndexOf('(') is var paren and >= 0 ? paren : docId.Length - 1);
        var member = docId[(dot + 1)..];
        return member is "ToString" or "GetHashCode" or "Equals(System.Object)"
               && docId.StartsWith("M:", StringComparison.Ordinal)
               && api.Contains("M:System.Object." + member);
    }

    /// <summary>How to rewrite a use of a missing API so host and device call the same thing, or null.</summary>
    public static string? Hint(string docId)
    {
        if (docId.StartsWith("M:System.String.Format(", StringComparison.Ordinal)
            && docId != "M:System.String.Format(System.String,System.Object[])")
            return "nanoFramework has only String.Format(String,Object[]): pass an object[] so both builds call it";
        if (docId.StartsWith("M:System.Runtime.CompilerServices.DefaultInterpolatedStringHandler.", StringComparison.Ordinal))
            return "this is how .NET compiles $\"...\" even at C# 9: build the string with string.Concat instead";
        if (docId.StartsWith("M:System.String.Concat(System.ReadOnlySpan", StringComparison.Ordinal))
            return "this is how .NET compiles string + char: write c.ToString() instead";
        return null;
    }
}
