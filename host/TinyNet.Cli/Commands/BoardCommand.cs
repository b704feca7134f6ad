using System.CommandLine;
using TinyNet.Host.Board;
using TinyNet.Host.Networking;
using TinyNet.Networking;

namespace TinyNet.Cli.Commands;

/// <summary>
/// <c>tinynet board</c>: the virtual board, served on a pseudo-terminal (or with --tcp on
/// 127.0.0.1) until Ctrl+C, answering discovery on loopback either way.
/// </summary>
public static class BoardCommand
{
    public static readonly Option<string> Store = new("--store") { Description = "folder the board keeps its model in (default: ~/.local/share/tinynet/virtual-board)" };
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.Profile("the board it behaves as (upload limit, heap, in RAM or streamed)");
    public static readonly Option<int> Baud = CliOptions.Integer("--baud", "simulated line rate in baud (8N1)", 300, 115200);
    public static readonly Option<int?> Tcp = new("--tcp")
    {
        Description = $"serve the board over TCP on 127.0.0.1 instead of a pseudo-terminal, on this port (default {NetworkDefaults.LinkPort}; 0 picks a free one)",
        Arity = ArgumentArity.ZeroOrOne,
    };
    public static readonly Option<int> IdleSeconds = CliOptions.Integer("--idle-timeout",
        "with --tcp: seconds a client may go without a request before the board drops it", 1, NetworkDefaults.IdleTimeoutMilliseconds / 1000);
    public static readonly Option<int> DiscoveryPort = NetworkOptions.DiscoveryPort();
    public static readonly Option<string> Name = new("--name") { Description = "the name the board answers discovery with (default: virtual-<port>)" };

    public static Command Create()
    {
        var command = new Command("board", "Start the virtual board: the device's session code behind a pseudo-terminal (or TCP with --tcp); use the printed --port value.")
        {
            Store, Profile, Baud, Tcp, IdleSeconds, DiscoveryPort, Name,
        };
        command.SetAction(parse =>
        {
            string folder = parse.GetValue(Store) ?? VirtualBoard.DefaultStoreFolder();
            int discoveryPort = parse.GetValue(DiscoveryPort);
            if (parse.GetResult(Tcp) is not null)
            {
                int port = parse.GetValue(Tcp) ?? NetworkDefaults.LinkPort;
                if (port is < 0 or > 65535) throw new Host.UserError($"--tcp {port}: a TCP port is 0 to 65535", 2);
                using var board = new TcpVirtualBoard(folder, port, parse.GetValue(IdleSeconds) * 1000, parse.GetValue(Profile));
                board.PredictionLines = Console.WriteLine;
                using var responder = new DiscoveryResponder(board.Announcer(parse.GetValue(Name) ?? $"virtual-{board.Port}"), discoveryPort);
                Console.WriteLine($"virtual board on {board.Address} (one client at a time), profile {board.Profile.Name} ({board.Profile.Description}), model store {folder}");
                Describe(board.Session, board.Address);
                Console.WriteLine($"use: tinynet info --port {board.Address}   (Ctrl+C stops the board)");
                WaitForStop();
            }
            else
            {
                using var board = new VirtualBoard(folder, parse.GetValue(Baud), parse.GetValue(Profile));
                board.PredictionLines = Console.WriteLine;
                var announcer = new TinyNet.Networking.BoardAnnouncer(board.Session, board.Store, parse.GetValue(Name) ?? $"virtual-{Path.GetFileName(board.DevicePath)}",
                    VirtualBoard.Firmware, "virtual", 0, board.DevicePath);
                using var responder = new DiscoveryResponder(announcer, discoveryPort);
                Console.WriteLine($"virtual board on {board.DevicePath} at {board.Baud} baud, profile {board.Profile.Name} ({board.Profile.Description}), model store {folder}");
                Describe(board.Session, board.DevicePath);
                Console.WriteLine($"use: tinynet info --port {board.DevicePath}   (Ctrl+C stops the board)");
                WaitForStop();
            }
            return 0;
        });
        return command;
    }

    private static void Describe(TinyNet.Board.BoardSession session, string port) =>
        Console.WriteLine(session.HasModel ? $"model: {session.Model.Name}, {InspectCommand.ClassesLine(session.Model)}" : "no model" + (session.ModelStatus.Length > 0 ? $": {session.ModelStatus}" : $" yet; flash one with: tinynet flash --port {port} model.q8.tnn"));

    private static void WaitForStop()
    {
        using var stop = new ManualResetEventSlim();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Set(); };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Set();
        stop.Wait();
    }
}
