using System.CommandLine;

namespace TinyNet.Cli.Commands;

/// <summary>The option every board command takes.</summary>
public static class BoardOptions
{
    public static Option<string> Port() => new("--port")
    {
        Description = "the board: a serial port (e.g. /dev/ttyUSB0, or a virtual board's /dev/pts/N) or tcp://HOST[:PORT] over WiFi (tinynet boards lists them); without it a virtual board starts in this process",
    };
}
