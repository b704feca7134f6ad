using System.CommandLine;
using TinyNet.Host.Board;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet board</c>: the virtual board, served on a pseudo-terminal until Ctrl+C.</summary>
public static class BoardCommand
{
    public static readonly Option<string> Store = new("--store") { Description = "folder the board keeps its model in (default: ~/.local/share/tinynet/virtual-board)" };
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.Profile("the board it behaves as (upload limit, heap, in RAM or streamed)");
    public static readonly Option<int> Baud = CliOptions.Integer("--baud", "simulated line rate in baud (8N1)", 300, 115200);

    public static Command Create()
    {
        var command = new Command("board", "Start the virtual board: the device's session code behind a pseudo-terminal; use the printed path as --port.")
        {
            Store, Profile, Baud,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(Store) ?? VirtualBoard.DefaultStoreFolder();
            using var board = new VirtualBoard(folder, parse.GetValue(Baud), parse.GetValue(Profile));
            Console.WriteLine($"virtual board on {board.DevicePath} at {board.Baud} baud, profile {board.Profile.Name} ({board.Profile.Description}), model store {folder}");
            Console.WriteLine(board.Session.HasModel ? $"model: {board.Session.Model.Name}" : $"no model: {board.Session.ModelStatus}");
            Console.WriteLine($"use: tinynet info --port {board.DevicePath}   (Ctrl+C stops the board)");
            using var stop = new ManualResetEventSlim();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
            AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
            stop.Wait();
            return 0;
        });
        return command;
    }
}
