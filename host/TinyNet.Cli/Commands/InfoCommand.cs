using System.CommandLine;
using TinyNet.Host.Board;
using TinyNet.Link;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet info</c>: what the board reports about itself and its model.</summary>
public static class InfoCommand
{
    public static readonly Option<string> Port = BoardOptions.Port();
    public static readonly Option<TinyNet.Board.BoardProfile> Profile = BoardOptions.VirtualProfile();

    public static Command Create()
    {
        var command = new Command("info", "Show the board's firmware, protocol version, free memory and loaded model (name, shape, CRC).") { Port, Profile };
        command.SetAction(parse =>
        {
            using var board = BoardConnection.Open(parse.GetValue(Port), Console.Error, profile: parse.GetValue(Profile));
            Console.Write(Describe(board.Port, board.Info));
            return 0;
        });
        return command;
    }

    public static string Describe(string port, BoardInfo info)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"board on {port}: firmware {info.FirmwareVersion}, protocol {info.ProtocolVersion}");
        if (info.ProfileName.Length > 0)
            text.AppendLine($"profile: {info.ProfileName}, heap {info.HeapBytes} bytes");
        text.AppendLine($"free memory: {info.FreeMemoryBytes} bytes; largest model it takes: {info.MaxModelBytes} bytes");
        if (info.ModelPresent)
            text.AppendLine($"model: {info.ModelName}, {string.Join('-', info.Shape)}, {info.ModelBytes} bytes, CRC 0x{info.ModelCrc:X8}, {RunsAs(info)}");
        else
            text.AppendLine("model: none" + (info.ModelStatus.Length > 0 ? $" ({info.ModelStatus})" : "") + "; flash one with: tinynet flash model.q8.tnn");
        return text.ToString();
    }

    /// <summary>How the board runs its model: "streamed" (int8 weights read from flash) or "in RAM", with the heap it takes.</summary>
    public static string RunsAs(BoardInfo info) =>
        info.ProfileName.Length == 0 ? "in RAM" : $"{(info.ModelStreamed ? "streamed" : "in RAM")} ({info.ModelHeapBytes} bytes of heap)";
}
