namespace TinyNet.ApiCheck;

/// <summary>
/// Attributes in the host-built dll that the nanoFramework build of the same source never has, so
/// their absence from nanoFramework does not matter. Exactly two groups, nothing else:
/// <list type="number">
/// <item>Assembly attributes that the .NET SDK writes into its generated AssemblyInfo/AssemblyAttributes
/// files (GenerateAssemblyInfo, GenerateTargetFrameworkAttribute). The nanoFramework project writes its
/// own Properties\AssemblyInfo.cs instead.</item>
/// <item>Attributes the C# compiler adds only when the referenced core library defines them (Roslyn
/// treats them as optional and silently leaves them out otherwise; DebuggableAttribute is one too, but
/// nanoFramework has it, so it is checked like any other): on the assembly,
/// CompilationRelaxations and RuntimeCompatibility; on compiler-generated members (names with '&lt;',
/// auto-property accessors, field-like event accessors and fields, iterator/async methods), CompilerGenerated, DebuggerBrowsable,
/// DebuggerHidden, DebuggerStepThrough, DebuggerNonUserCode and the *StateMachine attributes.
/// The same attribute written by hand in source is still reported.</item>
/// <item>[module: RefSafetyRules(11)], only when the PDB records C# below 11. Roslyn adds it for C# 11+ OR
/// whenever the core library declares RuntimeFeature.ByRefFields, which .NET 7+ does, so the host build of
/// C# 9 code gets it; nanoFramework's mscorlib has no ByRefFields, so its C# 9 build does not. Compiled
/// as C# 11+ (or without a PDB to tell), it is reported.</item>
/// </list>
/// Attributes the compiler must embed when missing (NullableAttribute, IsReadOnlyAttribute,
/// RefSafetyRulesAttribute, ...) are NOT ignored: the nanoFramework build would carry them too.
/// </summary>
public static class IgnoredAttributes
{
    /// <summary>Assembly-level attributes of the .NET SDK's generated files.</summary>
    public static readonly IReadOnlySet<string> SdkAssemblyAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Runtime.Versioning.TargetFrameworkAttribute",
        "System.Reflection.AssemblyCompanyAttribute",
        "System.Reflection.AssemblyConfigurationAttribute",
        "System.Reflection.AssemblyCopyrightAttribute",
        "System.Reflection.AssemblyDescriptionAttribute",
        "System.Reflection.AssemblyFileVersionAttribute",
        "System.Reflection.AssemblyInformationalVersionAttribute",
        "System.Reflection.AssemblyProductAttribute",
        "System.Reflection.AssemblyTitleAttribute",
        "System.Reflection.AssemblyTrademarkAttribute",
        "System.Resources.NeutralResourcesLanguageAttribute",
    };

    /// <summary>Assembly-level attributes the compiler adds only when the core library has them.</summary>
    public static readonly IReadOnlySet<string> OptionalCompilerAssemblyAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Runtime.CompilerServices.CompilationRelaxationsAttribute",
        "System.Runtime.CompilerServices.RuntimeCompatibilityAttribute",
    };

    /// <summary>The module attribute C# 9 gets only from a core library with RuntimeFeature.ByRefFields.</summary>
    public const string RefSafetyRules = "System.Runtime.CompilerServices.RefSafetyRulesAttribute";

    /// <summary>Below this C# version the nanoFramework build never carries <see cref="RefSafetyRules"/>.</summary>
    public static readonly Version RefSafetyRulesLanguageVersion = new(11, 0);

    /// <summary>Member-level attributes the compiler adds to code it generates, only when the core library has them.</summary>
    public static readonly IReadOnlySet<string> OptionalCompilerMemberAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "System.Runtime.CompilerServices.CompilerGeneratedAttribute",
        "System.Diagnostics.DebuggerBrowsableAttribute",
        "System.Diagnostics.DebuggerHiddenAttribute",
        "System.Diagnostics.DebuggerStepThroughAttribute",
        "System.Diagnostics.DebuggerNonUserCodeAttribute",
        "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
        "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
    };
}
