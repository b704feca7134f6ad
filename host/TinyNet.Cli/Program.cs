using System.CommandLine;
using TinyNet.Cli;
using TinyNet.Cli.Commands;

// Each command lives in its own file under Commands/ and is registered here.
var root = new RootCommand("TinyNet: train small neural networks on the host and run them on an ESP32 under .NET nanoFramework.");
root.Subcommands.Add(LessonCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(QuantizeCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(BoardCommand.Create());
root.Subcommands.Add(BoardsCommand.Create());
root.Subcommands.Add(InfoCommand.Create());
root.Subcommands.Add(FlashCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(FinetuneCommand.Create());
root.Subcommands.Add(PullCommand.Create());
root.Subcommands.Add(BenchLinkCommand.Create());
root.Subcommands.Add(BenchBoardCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
root.Subcommands.Add(ImportCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
return CommandLineRunner.Run(root, args);
