using System.CommandLine;
using TinyNet.Host.Networking;

namespace TinyNet.Cli.Commands;

/// <summary><c>tinynet boards</c>: the boards on the network (discovery) and on USB serial adapters, one line each with its --port value.</summary>
public static class BoardsCommand
{
    public static readonly Option<int> DiscoveryPort = NetworkOptions.DiscoveryPort();
    public static readonly Option<string> Broadcast = NetworkOptions.Broadcast();
    public static readonly Option<int> Wait = NetworkOptions.WaitMilliseconds();

    public static Command Create()
    {
        var command = new Command("boards", "List the TinyNet boards found on the network and on serial ports, with the --port value for each.")
        {
            DiscoveryPort, Broadcast, Wait,
        };
        command.SetAction(parse =>
        {
            var broadcast = NetworkOptions.BroadcastAddress(parse.GetValue(Broadcast));
            var network = BoardFinder.Find(broadcast, parse.GetValue(DiscoveryPort), parse.GetValue(Wait));
            var serial = SerialProbe.Find();
            foreach (var found in network)
            {
                var b = found.Board;
                string model = b.ModelPresent ? $"model {b.ModelName} CRC 0x{b.ModelCrc:X8}" : "no model";
                Console.WriteLine($"--port {found.Port}  {b.Name}  {b.Profile}  {b.Firmware}  protocol {b.ProtocolVersion}  {model}");
            }
            foreach (var found in serial)
            {
                var i = found.Info;
                string model = i.ModelPresent ? $"model {i.ModelName} CRC 0x{i.ModelCrc:X8}" : "no model";
                Console.WriteLine($"--port {found.Port}  serial  {i.FirmwareVersion}  protocol {i.ProtocolVersion}  {model}");
            }
            if (network.Count + serial.Count == 0)
            {
                throw new TinyNet.Host.UserError($"no boards found (discovery to {broadcast}:{parse.GetValue(DiscoveryPort)}, serial ports /dev/ttyUSB*, /dev/ttyACM*); "
                    + "check that the board is powered, on the same network (device/README.md), or start one with: tinynet board --tcp");
            }
            return 0;
        });
        return command;
    }
}
