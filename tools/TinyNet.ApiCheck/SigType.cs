using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace TinyNet.ApiCheck;

/// <summary>
/// A type as it appears in a signature or TypeSpec, in the three forms the checker needs:
/// its doc-ID spelling (for member IDs), a C#-like spelling (for messages), the external named
/// types it is built from (each must exist on nanoFramework) and the shapes nanoFramework cannot
/// run (generic instantiations, pointers, multidimensional arrays...).
/// </summary>
public sealed class SigType
{
    public SigType(string docId, string display, ImmutableArray<NamedType> namedTypes, ImmutableArray<string> problems,
        string? definitionDocId = null, bool isOpen = false, bool isOwn = false)
    {
        IsOpen = isOpen;
        IsOwn = isOwn;
        DocId = docId;
        Display = display;
        NamedTypes = namedTypes;
        Problems = problems;
        DefinitionDocId = definitionDocId ?? docId;
    }

    /// <summary>Doc-ID spelling inside a member ID, e.g. <c>System.Single[]</c> or <c>System.Span{System.Single}</c>.</summary>
    public string DocId { get; }

    /// <summary>
    /// The spelling of the type when it declares a member: for a generic instantiation it is the
    /// generic definition (<c>System.Span`1</c>), because doc IDs name members on the definition.
    /// </summary>
    public string DefinitionDocId { get; }

    /// <summary>
    /// True when the type mentions a generic parameter (List&lt;T&gt;): it then comes from a generic
    /// member's own declaration, and the instantiation the code really uses is reported where it appears.
    /// </summary>
    public bool IsOpen { get; }

    /// <summary>True for the assembly's own types and instantiations of them: their members are not in the list.</summary>
    public bool IsOwn { get; }

    /// <summary>C#-like spelling for messages, e.g. <c>System.Span&lt;float&gt;</c>.</summary>
    public string Display { get; }

    /// <summary>External types (TypeRefs and primitives) this type is made of.</summary>
    public ImmutableArray<NamedType> NamedTypes { get; }

    /// <summary>Message fragments for each unsupported shape, e.g. "the generic instantiation X&lt;float&gt;".</summary>
    public ImmutableArray<string> Problems { get; }
}

/// <summary>An external type by its T: doc ID; <see cref="Handle"/> is its TypeRef row, if it has one.</summary>
public readonly record struct NamedType(string DocId, TypeReferenceHandle Handle);
