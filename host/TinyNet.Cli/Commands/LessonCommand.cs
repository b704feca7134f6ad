using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Host.Lessons;
using TinyNet.Lessons;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet lesson NAME</c>: a lecture example, trained step by step, printed as the lecture's table.</summary>
public static class LessonCommand
{
    public static readonly Argument<string> Name = new("name")
    {
        Description = "the lesson: " + string.Join(", ", LessonCatalog.Names()),
    };

    // 0 means "the lecture's own" to the lesson; the user can only ask for 1 or more.
    public static readonly Option<int> Steps =
        CliOptions.Integer("--steps", "training steps (epochs for gender); default: the lecture's own", 1, 0);

    public static readonly Option<float> LearningRate =
        CliOptions.PositiveNumber("--lr", "learning rate α; default: the lecture's own", 0f, "0.01");

    public static readonly Option<string> Format = new("--format")
    {
        Description = "output format: table (the lecture's layout), csv or json",
        DefaultValueFactory = _ => "table",
    };

    public static readonly Option<string> Port = BoardOptions.Port();
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.VirtualProfile();

    public static readonly Option<bool> OnBoard = new("--on-board")
    {
        Description = "run the lesson on the board and print its live table (implied by --port; without --port a virtual board runs it)",
    };

    public static Command Create()
    {
        Name.AcceptOnlyFromAmong(LessonCatalog.Names());
        Format.AcceptOnlyFromAmong("table", "csv", "json");

        var command = new Command("lesson", "Run a lecture example step by step and print its table.\n" + Catalog())
        {
            Name, Steps, LearningRate, Format, Port, Profile, OnBoard,
        };
        command.SetAction(parse =>
        {
            var writer = new LessonWriter(Console.Out, Enum.Parse<LessonFormat>(parse.GetValue(Format)!, ignoreCase: true), parse.GetValue(Name)!);
            string? port = parse.GetValue(Port);
            if (port != null || parse.GetValue(OnBoard))
            {
                using var board = BoardConnection.Open(port, Console.Error, profile: parse.GetValue(Profile));
                BoardLessonRunner.Run(board, parse.GetValue(Name)!, parse.GetValue(Steps), parse.GetValue(LearningRate), writer);
                return 0;
            }
            Lesson lesson = LessonCatalog.Create(parse.GetValue(Name)!) ?? throw new UserError("unknown lesson");
            LessonRunner.Run(lesson, parse.GetValue(Steps), parse.GetValue(LearningRate), writer);
            return 0;
        });
        return command;
    }

    private static string Catalog() =>
        "Lessons:\n" + string.Join("\n", LessonCatalog.Names().Select(n => $"  {n,-10} {LessonCatalog.Create(n)!.Summary}"));
}
