using Microsoft.CodeAnalysis.CSharp;

namespace TinyNet.Tests.ApiCheck;

/// <summary>
/// Each test plants one construct that nanoFramework v1 cannot run in an otherwise clean snippet
/// and asserts the exact line the checker prints for it: file, line, method and the API or shape.
/// </summary>
public sealed class PlantedViolationTests : IDisposable
{
    private const string File = SnippetCompiler.SourcePath;
    private readonly SnippetCompiler _compiler = new();

    public void Dispose() => _compiler.Dispose();

    [Fact]
    public void ACleanSnippetPasses()
    {
        const string source = """
            using System;
            namespace TinyNet
            {
                public static class Planted
                {
                    public static float Tanh(float x) { return (float)Math.Tanh(x); }
                    public static float Sum(float[] values)
                    {
                        float sum = 0f;
                        for (int i = 0; i < values.Length; i++) sum += values[i];
                        return sum;
                    }
                }
            }
            """;
        var (result, lines) = _compiler.Check(source);
        Assert.Empty(lines);
        Assert.True(result.ReferencesChecked > 0);
        Assert.Contains("M:System.Math.Tanh(System.Double)", result.Apis);
    }

    [Fact]
    public void ListOfFloatIsAGenericInstantiationAndAMissingType()
    {
        const string source = """
            using System.Collections.Generic;
            namespace TinyNet
            {
                public static class Planted
                {
                    public static int UsesList()
                    {
                        var list = new List<float>(); // list
                        return list.Count;
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// list");
        Assert.Contains($"{File}:{line}: Planted.UsesList() uses the generic instantiation System.Collections.Generic.List<float>, " +
                        "which nanoFramework does not support", lines);
        Assert.Contains($"{File}:{line}: Planted.UsesList() uses M:System.Collections.Generic.List`1.#ctor, " +
                        "which nanoFramework does not have", lines);
    }

    [Fact]
    public void MathFExpIsMissing()
    {
        const string source = """
            using System;
            namespace TinyNet
            {
                public static class Planted
                {
                    public static float Exp(float x)
                    {
                        return MathF.Exp(x); // exp
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// exp");
        Assert.Equal([$"{File}:{line}: Planted.Exp() uses M:System.MathF.Exp(System.Single), which nanoFramework does not have"], lines);
    }

    [Fact]
    public void SpanOfFloatIsAGenericInstantiation()
    {
        const string source = """
            using System;
            namespace TinyNet
            {
                public static class Planted
                {
                    public static float First(float[] values)
                    {
                        Span<float> span = values; // span
                        return span[0];
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// span");
        // Exactly what the code uses, per line: no echo of Span`1 itself or of the operator's own Span<T>.
        Assert.Equal(
            [
                $"{File}:{line}: Planted.First() uses M:System.Span`1.op_Implicit(`0[])~System.Span{{`0}}, which nanoFramework does not have",
                $"{File}:{line}: Planted.First() uses the generic instantiation System.Span<float>, which nanoFramework does not support",
                $"{File}:{line + 1}: Planted.First() uses M:System.Span`1.get_Item(System.Int32), which nanoFramework does not have",
                $"{File}:{line + 1}: Planted.First() uses the generic instantiation System.Span<float>, which nanoFramework does not support",
            ],
            lines);
    }

    [Fact]
    public void TuplesLambdasAndAnonymousTypesAreGenericInstantiations()
    {
        const string source = """
            using System;
            namespace TinyNet
            {
                public static class Planted
                {
                    public static int Mix(int k)
                    {
                        Func<int, int> add = x => x + k; // lambda
                        var pair = (1, 2); // tuple
                        var anonymous = new { A = 1 }; // anonymous
                        return add(pair.Item1) + anonymous.A;
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// lambda")}: Planted.Mix() uses the generic instantiation " +
                        "System.Func<int, int>, which nanoFramework does not support", lines);
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// tuple")}: Planted.Mix() uses M:System.ValueTuple`2.#ctor(`0,`1), " +
                        "which nanoFramework does not have", lines);
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// anonymous")}: Planted.Mix() uses the generic instantiation " +
                        "<>f__AnonymousType0<int>, which nanoFramework does not support", lines);
        // The anonymous type's own members are the assembly's, not nanoFramework's: never looked up in the list.
        Assert.DoesNotContain(lines, l => l.Contains("M:<>f__AnonymousType0", StringComparison.Ordinal));
    }

    [Fact]
    public void MultidimensionalArrayIsRejected()
    {
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static float Grid()
                    {
                        var grid = new float[2, 3]; // grid
                        return grid.Length;
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// grid");
        Assert.Contains($"{File}:{line}: Planted.Grid() uses the multidimensional array float[,], which nanoFramework does not support", lines);
        Assert.Contains($"{File}:{line}: Planted.Grid() uses M:System.Single[0:,0:].#ctor(System.Int32,System.Int32), " +
                        "which nanoFramework does not have", lines);
    }

    [Fact]
    public void InterpolationBindsToTheInterpolatedStringHandler()
    {
        // Against .NET 6+ the compiler lowers $"..." through DefaultInterpolatedStringHandler even at
        // C# 9 (the lowering only needs the type to exist); nanoFramework has no such type.
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static string Describe(int a, int b, int c)
                    {
                        return $"{a}{b}{c}"; // interpolation
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// interpolation");
        const string handler = "System.Runtime.CompilerServices.DefaultInterpolatedStringHandler";
        const string hint = "; this is how .NET compiles $\"...\" even at C# 9: build the string with string.Concat instead";
        Assert.Contains($"{File}:{line}: Planted.Describe() uses M:{handler}.#ctor(System.Int32,System.Int32), which nanoFramework does not have{hint}", lines);
        Assert.Contains($"{File}:{line}: Planted.Describe() uses M:{handler}.AppendFormatted``1(``0), which nanoFramework does not have{hint}", lines);
        Assert.Contains($"{File}:{line}: Planted.Describe() uses M:{handler}.ToStringAndClear, which nanoFramework does not have{hint}", lines);
        Assert.Contains($"{File}:{line}: Planted.Describe() uses the generic method instantiation {handler}.AppendFormatted<int>, " +
                        "which nanoFramework v1 does not support (no generics)", lines);
    }

    [Fact]
    public void FormatWithThreeArgumentsIsAMissingOverload()
    {
        // nanoFramework has only String.Format(String, Object[]); .NET picks the three-object overload.
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static string Describe(int a, int b, int c)
                    {
                        return string.Format("{0}{1}{2}", a, b, c); // format
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// format");
        Assert.Equal([$"{File}:{line}: Planted.Describe() uses M:System.String.Format(System.String,System.Object,System.Object,System.Object), " +
                      "which nanoFramework does not have; nanoFramework has only String.Format(String,Object[]): " +
                      "pass an object[] so both builds call it"], lines);
    }

    [Fact]
    public void StackallocIsRejected()
    {
        const string source = """
            using System;
            namespace TinyNet
            {
                public static class Planted
                {
                    public static int Scratch()
                    {
                        Span<int> scratch = stackalloc int[4]; // stackalloc
                        return scratch.Length;
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        int line = SnippetCompiler.LineOf(source, "// stackalloc");
        Assert.Contains($"{File}:{line}: Planted.Scratch() uses stackalloc (IL localloc), which nanoFramework does not support", lines);
    }

    [Fact]
    public void PointerIsRejected()
    {
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static unsafe int Read(int* p) { return *p; } // pointer
                }
            }
            """;
        var (_, lines) = _compiler.Check(source, allowUnsafe: true);
        int line = SnippetCompiler.LineOf(source, "// pointer");
        Assert.Contains($"{File}:{line}: Planted.Read() uses the pointer type int*, which nanoFramework does not support", lines);
    }

    [Fact]
    public void GenericMethodDefinitionAndCallAreRejected()
    {
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static T Same<T>(T value) { return value; } // definition
                    public static float Call()
                    {
                        return Same(1f); // call
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// definition")}: Planted.Same() uses the generic method type parameter T, " +
                        "which nanoFramework v1 does not support (no generics)", lines);
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// call")}: Planted.Call() uses the generic method instantiation " +
                        "Planted.Same<float>, which nanoFramework v1 does not support (no generics)", lines);
    }

    [Fact]
    public void CompilerAttributesThatNanoLacksAreReported()
    {
        // `in` makes the compiler mark the parameter with IsReadOnlyAttribute, which nano's mscorlib lacks.
        const string source = """
            namespace TinyNet
            {
                public readonly struct Pair
                {
                    public readonly float A;
                    public Pair(float a) { A = a; }
                }
                public static class Planted
                {
                    public static float ReadA(in Pair pair) { return pair.A; } // in
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        Assert.Contains(lines, l => l.StartsWith($"{File}: an attribute on type Pair uses " +
                                                 "M:System.Runtime.CompilerServices.IsReadOnlyAttribute.#ctor, which nanoFramework does not have",
                                                 StringComparison.Ordinal));
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// in")}: a parameter attribute on Planted.ReadA() uses " +
                        "M:System.Runtime.CompilerServices.IsReadOnlyAttribute.#ctor, which nanoFramework does not have", lines);
    }

    [Fact]
    public void RefSafetyRulesIsIgnoredForCSharp9ButReportedForCSharp11()
    {
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static int One() { return 1; }
                }
            }
            """;
        var (csharp9, csharp9Lines) = _compiler.Check(source);
        Assert.Empty(csharp9Lines);
        Assert.Contains(csharp9.IgnoredAttributes, a => a.StartsWith("System.Runtime.CompilerServices.RefSafetyRulesAttribute", StringComparison.Ordinal));

        var (_, csharp11Lines) = _compiler.Check(source, LanguageVersion.CSharp11);
        Assert.Equal(["Planted.dll: a module attribute uses M:System.Runtime.CompilerServices.RefSafetyRulesAttribute.#ctor(System.Int32), " +
                      "which nanoFramework does not have"], csharp11Lines);
    }

    [Fact]
    public void HandWrittenCompilerGeneratedAttributeIsStillReported()
    {
        // The compiler leaves [CompilerGenerated] out of its own code when the core library lacks it,
        // so it is ignored there; written by hand it would break the nanoFramework build.
        const string source = """
            using System.Runtime.CompilerServices;
            namespace TinyNet
            {
                public static class Planted
                {
                    [CompilerGenerated]
                    public static int One() { return 1; } // attribute
                    public static int Auto { get; set; }
                }
            }
            """;
        var (result, lines) = _compiler.Check(source);
        Assert.Equal([$"{File}:{SnippetCompiler.LineOf(source, "// attribute")}: an attribute on Planted.One() uses " +
                      "M:System.Runtime.CompilerServices.CompilerGeneratedAttribute.#ctor, which nanoFramework does not have"], lines);
        Assert.Contains(result.IgnoredAttributes, a => a.Contains("Planted.get_Auto()", StringComparison.Ordinal));
    }

    [Fact]
    public void LockEventsAndInheritedVirtualsPassBecauseTheDeviceBuildBindsToOlderApis()
    {
        // On .NET the compiler picks Monitor.Enter(object, ref bool), Interlocked.CompareExchange<T> and
        // Single.GetHashCode(); against nano's mscorlib it falls back to Monitor.Enter(object),
        // Delegate.Combine and Object.GetHashCode(), which nano has.
        const string source = """
            namespace TinyNet
            {
                public delegate void Sink(string line);
                public sealed class Planted
                {
                    private readonly object _gate = new object();
                    private float _value;
                    public event Sink Line;
                    public int Hash() { lock (_gate) { return _value.GetHashCode(); } }
                    public void Raise() { Sink line = Line; if (line != null) line("x"); }
                }
            }
            """;
        var (result, lines) = _compiler.Check(source);
        Assert.Empty(lines);
        Assert.Contains(result.IgnoredAttributes, a => a.Contains("Planted.add_Line()", StringComparison.Ordinal));
    }

    [Fact]
    public void StringPlusCharGetsAHint()
    {
        const string source = """
            namespace TinyNet
            {
                public static class Planted
                {
                    public static string Append(string s, char c)
                    {
                        return s + c; // concat
                    }
                }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        Assert.Contains($"{File}:{SnippetCompiler.LineOf(source, "// concat")}: Planted.Append() uses " +
                        "M:System.String.Concat(System.ReadOnlySpan{System.Char},System.ReadOnlySpan{System.Char}), which nanoFramework " +
                        "does not have; this is how .NET compiles string + char: write c.ToString() instead", lines);
    }

    [Fact]
    public void OnlyTheSdkGeneratedAssemblyAttributesAreIgnored()
    {
        // TargetFramework is what the SDK generates: ignored. AssemblyMetadata is not in its set: checked.
        const string source = """
            [assembly: System.Runtime.Versioning.TargetFramework(".NETCoreApp,Version=v10.0")]
            [assembly: System.Reflection.AssemblyMetadata("key", "value")]
            namespace TinyNet
            {
                public static class Planted
                {
                    public static int One() { return 1; }
                }
            }
            """;
        var (result, lines) = _compiler.Check(source);
        Assert.Equal(["Planted.dll: an assembly attribute uses M:System.Reflection.AssemblyMetadataAttribute.#ctor(System.String,System.String), " +
                      "which nanoFramework does not have"], lines);
        Assert.Contains("System.Runtime.Versioning.TargetFrameworkAttribute (an assembly attribute)", result.IgnoredAttributes);
    }

    [Fact]
    public void CompilerEmbeddedAttributeTypesAreReported()
    {
        // What the compiler emits when the framework lacks an attribute it needs (here written out by
        // hand, because net10.0 has them all): the type is marked [Microsoft.CodeAnalysis.Embedded].
        const string source = """
            namespace Microsoft.CodeAnalysis
            {
                [Embedded]
                internal sealed class EmbeddedAttribute : System.Attribute { }
            }
            namespace TinyNet
            {
                [Microsoft.CodeAnalysis.Embedded]
                internal sealed class MarkerAttribute : System.Attribute { }
            }
            """;
        var (_, lines) = _compiler.Check(source);
        Assert.Contains(lines, l => l.StartsWith($"{File}: type MarkerAttribute uses compiler-embedded attribute type TinyNet.MarkerAttribute",
            StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"{File}: type EmbeddedAttribute uses compiler-embedded attribute type " +
                                                 "Microsoft.CodeAnalysis.EmbeddedAttribute", StringComparison.Ordinal));
    }
}
