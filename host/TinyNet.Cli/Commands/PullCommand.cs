using System.CommandLine;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Host.Models;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet pull --out mine.tnn</c>: fetch the board's active model (for example after <c>finetune --keep</c>).</summary>
public static class PullCommand
{
    public static readonly Option<string> Out = new("--out") { Description = "where to write the model file (.tnn)", Required = true };
    public static readonly Option<string> Port = BoardOptions.Port();

    public static Command Create()
    {
        var command = new Command("pull", "Fetch the board's active model file, CRC-checked, into a .tnn file.") { Out, Port };
        command.SetAction(parse =>
        {
            string path = parse.GetValue(Out)!;
            ModelFiles.CheckWritable(path);
            using var board = BoardConnection.Open(parse.GetValue(Port), Console.Error);
            if (!board.Info.ModelPresent)
                throw new UserError("the board has no model to pull; flash one first: tinynet flash model.q8.tnn");
            var pull = new ModelPull();
            byte[] file = board.Call(() => pull.Continue(board.Client));
            if (LinkClient.ModelCrcOf(file, file.Length) != board.Info.ModelCrc)
                throw new UserError($"the board's model changed while it was pulled (CRC 0x{board.Info.ModelCrc:X8} at the start); pull again");
            ModelReadResult read = ModelFile.Read(file, file.Length);
            if (read.Error != null) throw new UserError($"the board's model file is not valid: {read.Error}");
            ModelFiles.WriteAtomically(file, path);
            Console.WriteLine($"pulled {board.Info.ModelName} ({file.Length} bytes, CRC 0x{board.Info.ModelCrc:X8}, {pull.Chunks} chunks) into {path}");
            return 0;
        });
        return command;
    }
}
