using System.Reflection.Metadata;

namespace TinyNet.ApiCheck;

/// <summary>Full type names as doc IDs spell them: Namespace.Outer.Inner, arity suffix `N kept.</summary>
public static class MetadataNames
{
    public static string TypeReferenceName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var type = reader.GetTypeReference(handle);
        var name = reader.GetString(type.Name);
        if (type.ResolutionScope.Kind == HandleKind.TypeReference)
            return TypeReferenceName(reader, (TypeReferenceHandle)type.ResolutionScope) + "." + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    public static string TypeDefinitionName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var outer = type.GetDeclaringType();
        if (!outer.IsNil)
            return TypeDefinitionName(reader, outer) + "." + name;
        var ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    /// <summary>Type name without namespace (nested types keep their outer types), for messages.</summary>
    public static string ShortTypeDefinitionName(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        var name = reader.GetString(type.Name);
        var outer = type.GetDeclaringType();
        return outer.IsNil ? name : ShortTypeDefinitionName(reader, outer) + "." + name;
    }

    /// <summary>"Kernels.Dot()" — how a violation names the method that contains it.</summary>
    public static string MethodDisplay(MetadataReader reader, MethodDefinitionHandle handle)
    {
        var method = reader.GetMethodDefinition(handle);
        return ShortTypeDefinitionName(reader, method.GetDeclaringType()) + "." + reader.GetString(method.Name) + "()";
    }

    /// <summary>Member names in doc IDs: '.' becomes '#' (.ctor -> #ctor).</summary>
    public static string DocIdMemberName(string metadataName) => metadataName.Replace('.', '#');
}
