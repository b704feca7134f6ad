using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace TinyNet.ApiCheck;

/// <summary>
/// Checks one compiled assembly against the nanoFramework API list. It looks at every reference the
/// metadata holds (TypeRef, MemberRef, TypeSpec, MethodSpec), reached from where the source uses it:
/// method bodies (IL operands, with the PDB line), method/field/property/event signatures, locals,
/// base types, interfaces and custom attributes. A final sweep checks any reference row not reached.
/// Besides missing APIs it reports shapes nanoFramework v1 cannot run: generic instantiations and
/// definitions, multidimensional arrays, pointers, function pointers, stackalloc (IL localloc),
/// pinned locals, TypedReference tricks, and attribute types the compiler had to embed.
/// </summary>
public sealed class AssemblyChecker
{
    private const string EmbeddedAttribute = "Microsoft.CodeAnalysis.EmbeddedAttribute";

    private readonly MetadataReader _md;
    private readonly PEReader _pe;
    private readonly ApiList _api;
    private readonly SourceMap _source;
    private readonly DocIdTypeProvider _types;
    private readonly string _assemblyName;

    private readonly List<Violation> _violations = [];
    private readonly HashSet<string> _reported = [];          // full lines, to drop exact repeats
    private readonly HashSet<string> _reportedWhoWhat = [];   // "who|what", so signatures don't repeat body findings
    private readonly HashSet<string> _coveredTypes = [];      // "who|type" where a missing member of type was reported
    private readonly HashSet<EntityHandle> _visited = [];
    private readonly HashSet<string> _distinct = [];
    private readonly List<string> _ignored = [];
    private int _checked;

    private AssemblyChecker(PEReader pe, MetadataReader md, ApiList api, SourceMap source, string assemblyName)
    {
        _pe = pe;
        _md = md;
        _api = api;
        _source = source;
        _assemblyName = assemblyName;
        _types = new DocIdTypeProvider(md);
    }

    /// <summary>
    /// Checks <paramref name="assemblyPath"/>. Source paths in messages are shown relative to
    /// <paramref name="root"/> when they lie under it.
    /// </summary>
    public static CheckResult Check(string assemblyPath, ApiList api, string root)
    {
        if (!File.Exists(assemblyPath))
            throw new ApiCheckException($"assembly not found: {assemblyPath}");
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
            throw new ApiCheckException($"{assemblyPath} is not a .NET assembly (no metadata)");
        var md = pe.GetMetadataReader();

        MetadataReaderProvider? pdbProvider = null;
        try
        {
            pe.TryOpenAssociatedPortablePdb(assemblyPath, path => File.Exists(path) ? File.OpenRead(path) : null,
                out pdbProvider, out _);
        }
        catch (BadImageFormatException)
        {
            pdbProvider = null; // a Windows PDB or a damaged one: go on without lines
        }
        using (pdbProvider)
        {
            var source = new SourceMap(pdbProvider?.GetMetadataReader(), root);
            var checker = new AssemblyChecker(pe, md, api, source, Path.GetFileName(assemblyPath));
            checker.Run();
            return checker.Result();
        }
    }

    private void Run()
    {
        CheckAttributes(EntityHandle.AssemblyDefinition, new Site(null, "an assembly attribute"), AttributeTarget.Assembly);
        CheckAttributes(EntityHandle.ModuleDefinition, new Site(null, "a module attribute"), AttributeTarget.Module);
        foreach (var type in _md.TypeDefinitions)
            CheckType(type);
        foreach (var type in _md.TypeDefinitions)
            foreach (var method in _md.GetTypeDefinition(type).GetMethods())
                CheckMethod(method);
        SweepUnvisited();
    }

    private CheckResult Result()
    {
        var ordered = _violations
            .OrderBy(v => v.Where.StartsWith(_assemblyName, StringComparison.Ordinal) ? 1 : 0)
            .ThenBy(v => FileOf(v.Where), StringComparer.Ordinal)
            .ThenBy(v => v.Line)
            .ThenBy(v => v.ToString(), StringComparer.Ordinal)
            .ToList();
        return new CheckResult
        {
            Violations = ordered,
            ReferencesChecked = _checked,
            Apis = _distinct.Order(StringComparer.Ordinal).ToList(),
            IgnoredAttributes = _ignored,
        };
    }

    private static string FileOf(string where)
    {
        int colon = where.LastIndexOf(':');
        return colon > 0 && int.TryParse(where[(colon + 1)..], out _) ? where[..colon] : where;
    }

    // ---- definitions -------------------------------------------------------------------------

    private void CheckType(TypeDefinitionHandle handle)
    {
        var type = _md.GetTypeDefinition(handle);
        var name = MetadataNames.ShortTypeDefinitionName(_md, handle);
        var site = new Site(_source.OfType(_md, handle), "type " + name);

        if (!type.BaseType.IsNil)
            CheckTypeHandle(site, type.BaseType, weak: true);
        foreach (var impl in type.GetInterfaceImplementations())
            CheckTypeHandle(site, _md.GetInterfaceImplementation(impl).Interface, weak: true);
        foreach (var parameter in type.GetGenericParameters())
            Report(site, $"the generic type parameter {_md.GetString(_md.GetGenericParameter(parameter).Name)}, " +
                         "which nanoFramework v1 does not support (no generics)");
        if (IsEmbeddedAttributeType(handle))
            Report(site, $"compiler-embedded attribute type {MetadataNames.TypeDefinitionName(_md, handle)}: the compiler " +
                         "emits it because the framework lacks it, and nanoFramework does not have it either");

        bool generatedType = IsCompilerGenerated(handle);
        CheckAttributes(handle, new Site(site.Location, "an attribute on type " + name),
            generatedType ? AttributeTarget.GeneratedMember : AttributeTarget.Member);

        foreach (var fieldHandle in type.GetFields())
        {
            var field = _md.GetFieldDefinition(fieldHandle);
            var fieldName = _md.GetString(field.Name);
            var fieldSite = new Site(site.Location, $"field {name}.{fieldName}");
            CheckSigType(fieldSite, field.DecodeSignature(_types, null), weak: true);
            CheckAttributes(fieldHandle, new Site(site.Location, $"an attribute on field {name}.{fieldName}"),
                generatedType || fieldName.Contains('<') || IsFieldLikeEvent(handle, fieldName)
                    ? AttributeTarget.GeneratedMember : AttributeTarget.Member);
        }
        foreach (var propertyHandle in type.GetProperties())
        {
            var property = _md.GetPropertyDefinition(propertyHandle);
            var propertyName = _md.GetString(property.Name);
            var propertySite = new Site(site.Location, $"property {name}.{propertyName}");
            CheckSignature(propertySite, property.DecodeSignature(_types, null), weak: true);
            CheckAttributes(propertyHandle, new Site(site.Location, $"an attribute on property {name}.{propertyName}"), AttributeTarget.Member);
        }
        foreach (var eventHandle in type.GetEvents())
        {
            var ev = _md.GetEventDefinition(eventHandle);
            var eventName = _md.GetString(ev.Name);
            CheckTypeHandle(new Site(site.Location, $"event {name}.{eventName}"), ev.Type, weak: true);
            CheckAttributes(eventHandle, new Site(site.Location, $"an attribute on event {name}.{eventName}"), AttributeTarget.Member);
        }
        foreach (var implHandle in type.GetMethodImplementations())
        {
            var impl = _md.GetMethodImplementation(implHandle);
            CheckMethodHandle(site, impl.MethodDeclaration, weak: true);
        }
    }

    private void CheckMethod(MethodDefinitionHandle handle)
    {
        var method = _md.GetMethodDefinition(handle);
        var who = MetadataNames.MethodDisplay(_md, handle);
        var start = _source.OfMethod(handle) ?? _source.OfType(_md, method.GetDeclaringType());
        var site = new Site(start, who);

        // The body first: its findings carry exact lines, and the signature/local checks below skip
        // what the body already reported for this method.
        if (method.RelativeVirtualAddress != 0)
        {
            var body = _pe.GetMethodBody(method.RelativeVirtualAddress);
            CheckBody(handle, who, body);
            if (!body.LocalSignature.IsNil)
            {
                var locals = _md.GetStandaloneSignature(body.LocalSignature).DecodeLocalSignature(_types, null);
                foreach (var local in locals)
                    CheckSigType(site, local, weak: true);
            }
        }

        CheckSignature(site, method.DecodeSignature(_types, null), weak: true);
        foreach (var parameter in method.GetGenericParameters())
            Report(site, $"the generic method type parameter {_md.GetString(_md.GetGenericParameter(parameter).Name)}, " +
                         "which nanoFramework v1 does not support (no generics)");

        var target = IsGeneratedMethod(handle) ? AttributeTarget.GeneratedMember : AttributeTarget.Member;
        CheckAttributes(handle, new Site(start, "an attribute on " + who), target);
        foreach (var parameterHandle in method.GetParameters())
            CheckAttributes(parameterHandle, new Site(start, "a parameter attribute on " + who), target);
    }

    private void CheckBody(MethodDefinitionHandle method, string who, MethodBodyBlock body)
    {
        bool inEventAccessor = IsFieldLikeEventAccessor(method);
        foreach (var instruction in IlInstructions.Read(body))
        {
            var location = _source.At(method, instruction.Offset);
            var site = location is null
                ? new Site(null, $"{who} at IL_{instruction.Offset:x4}", inEventAccessor)
                : new Site(location, who, inEventAccessor);
            switch (instruction.OpCode)
            {
                case ILOpCode.Localloc:
                    Report(site, "stackalloc (IL localloc), which nanoFramework does not support");
                    continue;
                case ILOpCode.Calli:
                    Report(site, "an indirect call through a function pointer (IL calli), which nanoFramework does not support");
                    continue;
                case ILOpCode.Arglist:
                case ILOpCode.Mkrefany:
                case ILOpCode.Refanyval:
                case ILOpCode.Refanytype:
                    Report(site, $"__arglist/__makeref/__refvalue (IL {instruction.OpCode.ToString().ToLowerInvariant()}), " +
                                 "which nanoFramework does not support");
                    break;
            }
            if (instruction.Token == 0 || instruction.OpCode == ILOpCode.Ldstr)
                continue;
            CheckToken(site, MetadataTokens.EntityHandle(instruction.Token));
        }
    }

    private void CheckToken(Site site, EntityHandle handle)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
            case HandleKind.TypeSpecification:
            case HandleKind.TypeDefinition:
                CheckTypeHandle(site, handle, weak: false);
                break;
            case HandleKind.MemberReference:
            case HandleKind.MethodSpecification:
                CheckMethodHandle(site, handle, weak: false);
                break;
            case HandleKind.StandaloneSignature:
                var signature = _md.GetStandaloneSignature((StandaloneSignatureHandle)handle);
                if (signature.GetKind() == StandaloneSignatureKind.Method)
                    CheckSignature(site, signature.DecodeMethodSignature(_types, null), weak: false);
                break;
            // MethodDef and FieldDef: the assembly's own members, checked where they are defined.
        }
    }

    // ---- references ----------------------------------------------------------------------------

    private void CheckTypeHandle(Site site, EntityHandle handle, bool weak)
    {
        switch (handle.Kind)
        {
            case HandleKind.TypeReference:
                var reference = (TypeReferenceHandle)handle;
                CheckNamedType(site, new NamedType(MetadataNames.TypeReferenceName(_md, reference), reference), weak);
                break;
            case HandleKind.TypeSpecification:
                _visited.Add(handle);
                CheckSigType(site, _md.GetTypeSpecification((TypeSpecificationHandle)handle).DecodeSignature(_types, null), weak);
                break;
        }
    }

    private void CheckMethodHandle(Site site, EntityHandle handle, bool weak)
    {
        switch (handle.Kind)
        {
            case HandleKind.MemberReference:
                CheckMemberReference(site, (MemberReferenceHandle)handle, weak);
                break;
            case HandleKind.MethodSpecification:
                _visited.Add(handle);
                var spec = _md.GetMethodSpecification((MethodSpecificationHandle)handle);
                var arguments = spec.DecodeSignature(_types, null);
                var methodName = spec.Method.Kind == HandleKind.MethodDefinition
                    ? MetadataNames.MethodDisplay(_md, (MethodDefinitionHandle)spec.Method).TrimEnd('(', ')')
                    : MemberDisplay((MemberReferenceHandle)spec.Method);
                if (!IsAcceptedHostBinding(site, spec.Method))
                    Report(site, $"the generic method instantiation {methodName}<{string.Join(", ", arguments.Select(a => a.Display))}>, " +
                                 "which nanoFramework v1 does not support (no generics)", weak);
                foreach (var argument in arguments)
                    CheckSigType(site, argument, weak);
                CheckMethodHandle(site, spec.Method, weak);
                break;
        }
    }

    /// <summary>A generic library method the device build would not call (see <see cref="HostOnlyBindings"/>).</summary>
    private bool IsAcceptedHostBinding(Site site, EntityHandle method)
    {
        if (method.Kind != HandleKind.MemberReference)
            return false;
        var member = _md.GetMemberReference((MemberReferenceHandle)method);
        var (parentDocId, parentType) = Parent(member.Parent);
        if (parentDocId is null || parentType is { IsOwn: true })
            return false;
        var docId = MemberDocId(member, parentDocId).DocId;
        return !_api.Contains(docId) && HostOnlyBindings.IsAccepted(docId, _api, site.InEventAccessor);
    }

    private void CheckMemberReference(Site site, MemberReferenceHandle handle, bool weak)
    {
        _visited.Add(handle);
        var member = _md.GetMemberReference(handle);
        var (parentDocId, parentType) = Parent(member.Parent);
        if (parentDocId is null)
        {
            Report(site, $"{_md.GetString(member.Name)} through a {member.Parent.Kind} reference, which nanoFramework does not support", weak);
            return;
        }
        if (parentType is { IsOwn: true })
        {
            // A member of the assembly's own generic type (List-like class, anonymous type): the member
            // is checked where it is defined; here only the instantiation itself matters.
            CheckSigType(site, parentType, weak);
            return;
        }

        var (docId, signatureTypes) = MemberDocId(member, parentDocId);
        bool present = Lookup(docId) || HostOnlyBindings.IsAccepted(docId, _api, site.InEventAccessor);
        if (!present)
        {
            var hint = HostOnlyBindings.Hint(docId);
            Report(site, $"{docId}, which nanoFramework does not have" + (hint is null ? "" : "; " + hint), weak);
            _coveredTypes.Add(site.Who + "|" + parentDocId);
        }

        // The declaring type: when the member is missing, a missing declaring type says nothing new.
        if (parentType is not null)
        {
            foreach (var named in parentType.NamedTypes)
            {
                if (!present && named.DocId == parentType.DefinitionDocId)
                    MarkVisited(named.Handle);
                else
                    CheckNamedType(site, named, weak);
            }
            foreach (var problem in parentType.Problems)
                Report(site, problem + ", which nanoFramework does not support", weak);
        }
        // A missing member's parameter types add nothing to its message; an existing member's are
        // nanoFramework's own types (still looked up, as the list is the only authority here).
        foreach (var type in signatureTypes)
        {
            if (present)
                CheckSigType(site, type, weak);
            else
                foreach (var named in type.NamedTypes)
                    MarkVisited(named.Handle);
        }
    }

    /// <summary>The doc-ID spelling of a member's declaring type, and its decoded form.</summary>
    private (string? DocId, SigType? Type) Parent(EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                var reference = (TypeReferenceHandle)parent;
                var name = MetadataNames.TypeReferenceName(_md, reference);
                return (name, new SigType(name, name, [new NamedType(name, reference)], []));
            case HandleKind.TypeSpecification:
                _visited.Add(parent);
                var spec = _md.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(_types, null);
                return (spec.DefinitionDocId, spec);
            case HandleKind.TypeDefinition:
                var own = MetadataNames.TypeDefinitionName(_md, (TypeDefinitionHandle)parent);
                return (own, null);
            default:
                return (null, null); // MethodDef (vararg call site) or ModuleRef (global function)
        }
    }

    /// <summary>A member's doc ID and the types of its signature (return type first for methods).</summary>
    private (string DocId, List<SigType> SignatureTypes) MemberDocId(MemberReference member, string parentDocId)
    {
        var name = MetadataNames.DocIdMemberName(_md.GetString(member.Name));
        if (member.GetKind() == MemberReferenceKind.Field)
            return ($"F:{parentDocId}.{name}", [member.DecodeFieldSignature(_types, null)]);
        var signature = member.DecodeMethodSignature(_types, null);
        return (MethodDocId(parentDocId, name, signature), [signature.ReturnType, .. signature.ParameterTypes]);
    }

    private static string MethodDocId(string parentDocId, string name, MethodSignature<SigType> signature)
    {
        var id = $"M:{parentDocId}.{name}";
        if (signature.GenericParameterCount > 0)
            id += "``" + signature.GenericParameterCount;
        if (signature.ParameterTypes.Length > 0)
            id += "(" + string.Join(",", signature.ParameterTypes.Select(p => p.DocId)) + ")";
        if (name is "op_Implicit" or "op_Explicit")
            id += "~" + signature.ReturnType.DocId;
        return id;
    }

    private string MemberDisplay(MemberReferenceHandle handle)
    {
        var member = _md.GetMemberReference(handle);
        var (parent, type) = Parent(member.Parent);
        return (type?.Display ?? parent ?? "?") + "." + _md.GetString(member.Name);
    }

    private void CheckSignature(Site site, MethodSignature<SigType> signature, bool weak)
    {
        CheckSigType(site, signature.ReturnType, weak);
        foreach (var parameter in signature.ParameterTypes)
            CheckSigType(site, parameter, weak);
    }

    private void CheckSigType(Site site, SigType type, bool weak)
    {
        foreach (var problem in type.Problems)
            Report(site, problem + ", which nanoFramework does not support", weak);
        foreach (var named in type.NamedTypes)
            CheckNamedType(site, named, weak);
    }

    private void CheckNamedType(Site site, NamedType type, bool weak)
    {
        MarkVisited(type.Handle);
        var docId = "T:" + type.DocId;
        // Skipped when this construct already uses a missing member of the type: that line names it.
        if (!Lookup(docId) && !_coveredTypes.Contains(site.Who + "|" + type.DocId))
            Report(site, $"{docId}, which nanoFramework does not have", weak);
    }

    private bool Lookup(string docId)
    {
        _checked++;
        _distinct.Add(docId);
        return _api.Contains(docId);
    }

    private void MarkVisited(TypeReferenceHandle handle)
    {
        // A nested type's outer TypeRef is implied by it: Outer.Inner existing means Outer exists.
        while (!handle.IsNil && _visited.Add(handle))
        {
            var scope = _md.GetTypeReference(handle).ResolutionScope;
            if (scope.Kind != HandleKind.TypeReference)
                break;
            handle = (TypeReferenceHandle)scope;
        }
    }

    // ---- custom attributes -----------------------------------------------------------------------

    private enum AttributeTarget { Assembly, Module, Member, GeneratedMember }

    private void CheckAttributes(EntityHandle parent, Site site, AttributeTarget target)
    {
        foreach (var handle in _md.GetCustomAttributes(parent))
        {
            var attribute = _md.GetCustomAttribute(handle);
            if (attribute.Constructor.Kind != HandleKind.MemberReference)
                continue; // the assembly's own attribute types (embedded ones are reported on the type)
            var ctor = (MemberReferenceHandle)attribute.Constructor;
            var typeName = AttributeTypeName(ctor);
            if (typeName is not null && IsIgnored(typeName, target))
            {
                _ignored.Add($"{typeName} ({site.Who})");
                MarkIgnored(ctor);
                continue;
            }
            CheckMemberReference(site, ctor, weak: false);
        }
    }

    private bool IsIgnored(string typeName, AttributeTarget target) => target switch
    {
        AttributeTarget.Assembly => IgnoredAttributes.SdkAssemblyAttributes.Contains(typeName)
                                    || IgnoredAttributes.OptionalCompilerAssemblyAttributes.Contains(typeName),
        AttributeTarget.Module => typeName == IgnoredAttributes.RefSafetyRules
                                  && _source.LanguageVersion is { } version
                                  && version < IgnoredAttributes.RefSafetyRulesLanguageVersion
                                  && !_api.Contains("F:System.Runtime.CompilerServices.RuntimeFeature.ByRefFields"),
        AttributeTarget.GeneratedMember => IgnoredAttributes.OptionalCompilerMemberAttributes.Contains(typeName),
        _ => false,
    };

    /// <summary>An ignored attribute's references must not come back in the final sweep.</summary>
    private void MarkIgnored(MemberReferenceHandle ctor)
    {
        _visited.Add(ctor);
        var member = _md.GetMemberReference(ctor);
        if (member.Parent.Kind == HandleKind.TypeReference)
            MarkVisited((TypeReferenceHandle)member.Parent);
        var signature = member.DecodeMethodSignature(_types, null);
        foreach (var named in signature.ParameterTypes.SelectMany(p => p.NamedTypes))
            MarkVisited(named.Handle);
    }

    private string? AttributeTypeName(MemberReferenceHandle ctor)
    {
        var parent = _md.GetMemberReference(ctor).Parent;
        return parent.Kind == HandleKind.TypeReference ? MetadataNames.TypeReferenceName(_md, (TypeReferenceHandle)parent) : null;
    }

    private bool IsEmbeddedAttributeType(TypeDefinitionHandle handle)
    {
        if (MetadataNames.TypeDefinitionName(_md, handle) == EmbeddedAttribute)
            return true;
        foreach (var attributeHandle in _md.GetTypeDefinition(handle).GetCustomAttributes())
        {
            var ctor = _md.GetCustomAttribute(attributeHandle).Constructor;
            if (ctor.Kind == HandleKind.MethodDefinition)
            {
                var owner = _md.GetMethodDefinition((MethodDefinitionHandle)ctor).GetDeclaringType();
                if (MetadataNames.TypeDefinitionName(_md, owner) == EmbeddedAttribute)
                    return true;
            }
            else if (ctor.Kind == HandleKind.MemberReference && AttributeTypeName((MemberReferenceHandle)ctor) == EmbeddedAttribute)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Types the compiler made up: closures, state machines, &lt;PrivateImplementationDetails&gt;.</summary>
    private bool IsCompilerGenerated(TypeDefinitionHandle handle)
    {
        for (var current = handle; !current.IsNil; current = _md.GetTypeDefinition(current).GetDeclaringType())
            if (_md.GetString(_md.GetTypeDefinition(current).Name).Contains('<'))
                return true;
        return false;
    }

    /// <summary>
    /// Methods the compiler generated or rewrote: lambdas and other '&lt;' names, members of generated
    /// types, auto-property accessors (a &lt;P&gt;k__BackingField exists), iterator/async methods
    /// (a nested &lt;M&gt;d__ state machine type exists).
    /// </summary>
    private bool IsGeneratedMethod(MethodDefinitionHandle handle)
    {
        var method = _md.GetMethodDefinition(handle);
        var name = _md.GetString(method.Name);
        var declaring = method.GetDeclaringType();
        if (name.Contains('<') || IsCompilerGenerated(declaring))
            return true;
        if (IsFieldLikeEventAccessor(handle))
            return true;
        var type = _md.GetTypeDefinition(declaring);
        if ((name.StartsWith("get_", StringComparison.Ordinal) || name.StartsWith("set_", StringComparison.Ordinal))
            && type.GetFields().Any(f => _md.GetString(_md.GetFieldDefinition(f).Name) == $"<{name[4..]}>k__BackingField"))
            return true;
        return type.GetNestedTypes().Any(n => _md.GetString(_md.GetTypeDefinition(n).Name).StartsWith($"<{name}>d__", StringComparison.Ordinal));
    }

    /// <summary>add_E/remove_E of an event E that has a backing field E: the compiler wrote both accessors.</summary>
    private bool IsFieldLikeEventAccessor(MethodDefinitionHandle handle)
    {
        var method = _md.GetMethodDefinition(handle);
        var name = _md.GetString(method.Name);
        var eventName = name.StartsWith("add_", StringComparison.Ordinal) ? name[4..]
            : name.StartsWith("remove_", StringComparison.Ordinal) ? name[7..] : null;
        return eventName is not null && IsFieldLikeEvent(method.GetDeclaringType(), eventName);
    }

    private bool IsFieldLikeEvent(TypeDefinitionHandle declaring, string name)
    {
        var type = _md.GetTypeDefinition(declaring);
        return type.GetEvents().Any(e => _md.GetString(_md.GetEventDefinition(e).Name) == name)
               && type.GetFields().Any(f => _md.GetString(_md.GetFieldDefinition(f).Name) == name);
    }

    // ---- the sweep -------------------------------------------------------------------------------

    /// <summary>Checks reference rows that no definition reached (the compiler rarely leaves any).</summary>
    private void SweepUnvisited()
    {
        var site = new Site(null, "the assembly's metadata");
        foreach (var handle in _md.TypeReferences)
            if (!_visited.Contains(handle))
                CheckTypeHandle(site, handle, weak: false);
        foreach (var handle in _md.MemberReferences)
            if (!_visited.Contains(handle))
                CheckMemberReference(site, handle, weak: false);
        for (int row = 1; row <= _md.GetTableRowCount(TableIndex.TypeSpec); row++)
        {
            var handle = MetadataTokens.TypeSpecificationHandle(row);
            if (!_visited.Contains(handle))
                CheckTypeHandle(site, handle, weak: false);
        }
        for (int row = 1; row <= _md.GetTableRowCount(TableIndex.MethodSpec); row++)
        {
            var handle = MetadataTokens.MethodSpecificationHandle(row);
            if (!_visited.Contains(handle))
                CheckMethodHandle(site, handle, weak: false);
        }
    }

    // ---- reporting -------------------------------------------------------------------------------

    /// <param name="InEventAccessor">the code is a compiler-generated add_/remove_ of a field-like event.</param>
    private readonly record struct Site(SourceLocation? Location, string Who, bool InEventAccessor = false);

    /// <summary>
    /// Records a violation. A weak report (from a signature or local, located only at the method's
    /// start) is dropped when the same construct already reported the same thing from its body.
    /// </summary>
    private void Report(Site site, string what, bool weak = false)
    {
        var key = site.Who + "|" + what;
        if (weak && _reportedWhoWhat.Contains(key))
            return;
        var where = site.Location?.ToString() ?? _assemblyName;
        var violation = new Violation(where, site.Location?.Line ?? 0, site.Who, what);
        if (_reported.Add(violation.ToString()))
        {
            _violations.Add(violation);
            _reportedWhoWhat.Add(key);
        }
    }
}
