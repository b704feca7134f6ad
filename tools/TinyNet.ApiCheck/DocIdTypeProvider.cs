using System.Collections.Immutable;
using System.Reflection.Metadata;

namespace TinyNet.ApiCheck;

/// <summary>
/// Decodes signature blobs into <see cref="SigType"/>s, spelling them the way C# documentation IDs do
/// (Roslyn's format, which nanoframework-api.txt uses): full names, nested types joined by '.',
/// generic arity `N, arrays X[], byref X@, pointers X*, type parameters `0 / ``0, instantiations X{A,B}.
/// Custom modifiers are dropped from the spelling, as the list's header says.
/// </summary>
public sealed class DocIdTypeProvider : ISignatureTypeProvider<SigType, object?>
{
    private readonly MetadataReader _reader;

    public DocIdTypeProvider(MetadataReader reader) => _reader = reader;

    public SigType GetPrimitiveType(PrimitiveTypeCode typeCode)
    {
        var (name, keyword) = typeCode switch
        {
            PrimitiveTypeCode.Boolean => ("System.Boolean", "bool"),
            PrimitiveTypeCode.Byte => ("System.Byte", "byte"),
            PrimitiveTypeCode.SByte => ("System.SByte", "sbyte"),
            PrimitiveTypeCode.Char => ("System.Char", "char"),
            PrimitiveTypeCode.Int16 => ("System.Int16", "short"),
            PrimitiveTypeCode.UInt16 => ("System.UInt16", "ushort"),
            PrimitiveTypeCode.Int32 => ("System.Int32", "int"),
            PrimitiveTypeCode.UInt32 => ("System.UInt32", "uint"),
            PrimitiveTypeCode.Int64 => ("System.Int64", "long"),
            PrimitiveTypeCode.UInt64 => ("System.UInt64", "ulong"),
            PrimitiveTypeCode.Single => ("System.Single", "float"),
            PrimitiveTypeCode.Double => ("System.Double", "double"),
            PrimitiveTypeCode.IntPtr => ("System.IntPtr", "nint"),
            PrimitiveTypeCode.UIntPtr => ("System.UIntPtr", "nuint"),
            PrimitiveTypeCode.Object => ("System.Object", "object"),
            PrimitiveTypeCode.String => ("System.String", "string"),
            PrimitiveTypeCode.TypedReference => ("System.TypedReference", "System.TypedReference"),
            PrimitiveTypeCode.Void => ("System.Void", "void"),
            _ => throw new BadImageFormatException($"unknown primitive type code {typeCode}"),
        };
        return new SigType(name, keyword, [new NamedType(name, default)], []);
    }

    public SigType GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
    {
        // The assembly's own types: checked where they are defined, not here.
        var name = MetadataNames.TypeDefinitionName(reader, handle);
        return new SigType(name, name, [], [], isOwn: true);
    }

    public SigType GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
    {
        var name = MetadataNames.TypeReferenceName(reader, handle);
        return new SigType(name, name, [new NamedType(name, handle)], []);
    }

    public SigType GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind)
        => reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

    public SigType GetSZArrayType(SigType elementType)
        => Wrap(elementType, elementType.DocId + "[]", elementType.Display + "[]", null);

    public SigType GetArrayType(SigType elementType, ArrayShape shape)
    {
        // Roslyn spells a rank-2 array with no bounds as [0:,0:].
        var docId = elementType.DocId + "[" + string.Join(",", Enumerable.Repeat("0:", shape.Rank)) + "]";
        var display = elementType.Display + "[" + new string(',', shape.Rank - 1) + "]";
        return Wrap(elementType, docId, display, $"the multidimensional array {display}");
    }

    public SigType GetByReferenceType(SigType elementType)
        => Wrap(elementType, elementType.DocId + "@", "ref " + elementType.Display, null);

    public SigType GetPointerType(SigType elementType)
        => Wrap(elementType, elementType.DocId + "*", elementType.Display + "*", $"the pointer type {elementType.Display}*");

    public SigType GetPinnedType(SigType elementType)
        => Wrap(elementType, elementType.DocId, elementType.Display,
            $"a pinned local of type {elementType.Display} (a fixed statement)");

    public SigType GetModifiedType(SigType modifier, SigType unmodifiedType, bool isRequired)
        => new(unmodifiedType.DocId, unmodifiedType.Display,
            unmodifiedType.NamedTypes.AddRange(modifier.NamedTypes), unmodifiedType.Problems, unmodifiedType.DefinitionDocId,
            unmodifiedType.IsOpen);

    public SigType GetFunctionPointerType(MethodSignature<SigType> signature)
    {
        var display = "delegate*<" + string.Join(", ", signature.ParameterTypes.Append(signature.ReturnType).Select(t => t.Display)) + ">";
        var parts = signature.ParameterTypes.Append(signature.ReturnType).ToList();
        return new SigType("=FUNC:" + display, display,
            parts.SelectMany(p => p.NamedTypes).ToImmutableArray(),
            parts.SelectMany(p => p.Problems).Prepend($"the function pointer type {display}").ToImmutableArray());
    }

    public SigType GetGenericInstantiation(SigType genericType, ImmutableArray<SigType> typeArguments)
    {
        // Doc IDs spell an instantiation without the arity suffix: System.Span`1 -> System.Span{System.Single}.
        var baseDocId = StripArity(genericType.DocId);
        var docId = baseDocId + "{" + string.Join(",", typeArguments.Select(a => a.DocId)) + "}";
        var display = StripArity(genericType.Display) + "<" + string.Join(", ", typeArguments.Select(a => a.Display)) + ">";
        var named = genericType.NamedTypes.AddRange(typeArguments.SelectMany(a => a.NamedTypes));
        bool open = typeArguments.Any(a => a.IsOpen);
        var problems = genericType.Problems.AddRange(typeArguments.SelectMany(a => a.Problems));
        if (!open)
            problems = problems.Insert(0, $"the generic instantiation {display}");
        return new SigType(docId, display, named, problems, genericType.DocId, open, genericType.IsOwn);
    }

    public SigType GetGenericTypeParameter(object? genericContext, int index)
        => new("`" + index, "T" + index, [], [], isOpen: true);

    public SigType GetGenericMethodParameter(object? genericContext, int index)
        => new("``" + index, "M" + index, [], [], isOpen: true);

    private static SigType Wrap(SigType inner, string docId, string display, string? problem)
        => new(docId, display, inner.NamedTypes, problem is null ? inner.Problems : inner.Problems.Insert(0, problem),
            isOpen: inner.IsOpen);

    private static string StripArity(string name)
    {
        int tick = name.LastIndexOf('`');
        return tick > name.LastIndexOf('.') ? name[..tick] : name;
    }
}
