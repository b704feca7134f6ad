using System.CommandLine;
using TinyNet.Host;

namespace TinyNet.Cli;

/// <summary>
/// Runs the command line with TinyNet's error convention: a wrong argument or a failure prints
/// one clear line on stderr and exits non-zero (2 for usage errors, 1 for failures).
/// </summary>
public static class CommandLineRunner
{
    public const int UsageError = 2;
    public const int Failure = 1;

    public static int Run(RootCommand root, string[] args)
    {
        ParseResult parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            string path = CommandPath(parse);
            Console.Error.WriteLine($"tinynet: {OneLine(parse.Errors[0].Message)} (see 'tinynet {(path.Length > 0 ? path + " " : "")}--help')");
            return UsageError;
        }
        try
        {
            // Without this, System.CommandLine catches the UserError itself and prints a stack trace.
            return parse.Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (UserError e)
        {
            Console.Error.WriteLine($"tinynet: {e.Message}");
            return e.ExitCode;
        }
    }

    // Some parser messages list choices on separate lines; the convention is one line per error.
    private static string OneLine(string message) =>
        System.Text.RegularExpressions.Regex.Replace(message, @"\s*\n\s*", " ").Trim();

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result != null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            if (result.Command is not RootCommand) names.Insert(0, result.Command.Name);
        }
        return string.Join(' ', names).Trim();
    }
}
