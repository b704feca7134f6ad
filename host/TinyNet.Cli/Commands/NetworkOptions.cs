using System.CommandLine;
using System.Net;
using TinyNet.Host;
using TinyNet.Host.Networking;
using TinyNet.Networking;

namespace TinyNet.Cli.Commands;

/// <summary>The discovery options `tinynet board`, `tinynet boards` and `tinynet flash --all` share.</summary>
public static class NetworkOptions
{
    public static Option<int> DiscoveryPort() =>
        CliOptions.Integer("--discovery-port", "UDP port boards answer discovery on", 1, NetworkDefaults.DiscoveryPort);

    public static Option<string> Broadcast() => new("--broadcast")
    {
        Description = "where the discovery query goes (default 255.255.255.255, the local network; 127.255.255.255 finds only virtual boards on this machine)",
    };

    public static Option<int> WaitMilliseconds() =>
        CliOptions.Integer("--wait", "milliseconds to wait for boards to answer discovery", 1, 1000);

    /// <summary>The --broadcast address, or the local network's broadcast when not given; a bad address is a usage error.</summary>
    public static IPAddress BroadcastAddress(string? value)
    {
        if (string.IsNullOrEmpty(value)) return BoardFinder.NetworkBroadcast;
        if (IPAddress.TryParse(value, out IPAddress? address) && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
            return address;
        throw new UserError($"--broadcast {value}: expected an IPv4 address such as 255.255.255.255 or 127.255.255.255", 2);
    }
}
