using System.CommandLine;
using TinyNet.Board;

namespace TinyNet.Cli.Commands;

/// <summary>The options every board command takes.</summary>
public static class BoardOptions
{
    public static Option<string> Port() => new("--port")
    {
        Description = "the board: a serial port (e.g. /dev/ttyUSB0, or a virtual board's /dev/pts/N) or tcp://HOST[:PORT] over WiFi (tinynet boards lists them); without it a virtual board starts in this process",
    };

    /// <summary>
    /// --profile: the board a model is judged against, and the board an in-process virtual board
    /// behaves as. An unknown name is a usage error listing the known ones.
    /// </summary>
    public static Option<BoardProfile> Profile(string description) => new("--profile")
    {
        Description = $"{description}: {BoardProfile.Names()} (default {BoardProfile.Default.Name})",
        DefaultValueFactory = _ => BoardProfile.Default,
        CustomParser = result =>
        {
            string text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : "";
            BoardProfile? profile = BoardProfile.FromName(text);
            if (profile != null)
                return profile;
            result.AddError($"--profile must be one of {BoardProfile.Names()}, not '{text}'");
            return BoardProfile.Default;
        },
    };

    /// <summary>--profile for commands that may start a virtual board (no --port).</summary>
    public static Option<BoardProfile> VirtualProfile() => Profile("the board the in-process virtual board behaves as when no --port is given");
}
