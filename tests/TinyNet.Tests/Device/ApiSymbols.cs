using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using TinyNet.ApiCheck;

namespace TinyNet.Tests.Device;

/// <summary>
/// The source-level half of the device API check: every type, method, property, field and constant
/// the code names outside its own compilation (the project plus the engine), looked up by its documentation ID in the nanoFramework API list. The IL check
/// (AssemblyChecker) sees what the compiler emitted; this sees what IL does not keep, such as enum
/// members and constants, which the compiler copies in as plain numbers.
/// </summary>
public static class ApiSymbols
{
    /// <summary>One line per use of something outside the project (and the engine) that the list lacks.</summary>
    public static List<string> Missing(NanoCompiler.Compiled compiled, ApiList api)
    {
        var compilation = compiled.Compilation;

        var missing = new List<string>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            var model = compilation.GetSemanticModel(tree);
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                if (node is not (SimpleNameSyntax or ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax
                    or AttributeSyntax or ElementAccessExpressionSyntax))
                    continue;
                var symbol = model.GetSymbolInfo(node).Symbol;
                if (symbol is null || symbol is INamespaceSymbol or ILocalSymbol or IParameterSymbol or ILabelSymbol
                        or ITypeParameterSymbol or IRangeVariableSymbol or IDiscardSymbol or IArrayTypeSymbol
                    || symbol.ContainingAssembly is null || SymbolEqualityComparer.Default.Equals(symbol.ContainingAssembly, compilation.Assembly))
                    continue;
                if (!IsKnown(symbol, api))
                {
                    var line = tree.GetLineSpan(node.Span).StartLinePosition.Line + 1;
                    var file = Path.GetRelativePath(NanoProject.RepoRoot, tree.FilePath);
                    missing.Add($"{file}:{line}: {Id(symbol)} is not in the nanoFramework API list");
                }
            }
        }
        return missing.Distinct().ToList();
    }

    /// <summary>The documentation ID the list would spell <paramref name="symbol"/> with.</summary>
    public static string Id(ISymbol symbol) => symbol.OriginalDefinition.GetDocumentationCommentId() ?? symbol.ToDisplayString();

    private static bool IsKnown(ISymbol symbol, ApiList api)
    {
        // An override on .NET (FileStream.Flush) may be listed on the type nano declares it on, or the reverse.
        for (var s = symbol; s is not null; s = Overridden(s))
        {
            var id = Id(s);
            if (api.Contains(id) || HostOnlyBindings.IsAccepted(id, api, inEventAccessor: false))
                return true;
        }
        return false;
    }

    private static ISymbol? Overridden(ISymbol symbol) => symbol switch
    {
        IMethodSymbol m => m.OverriddenMethod,
        IPropertySymbol p => p.OverriddenProperty,
        IEventSymbol e => e.OverriddenEvent,
        _ => null,
    };
}
