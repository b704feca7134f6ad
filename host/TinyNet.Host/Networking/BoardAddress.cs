using TinyNet.Networking;

namespace TinyNet.Host.Networking;

/// <summary>A --port value that names a network board: tcp://HOST[:PORT] (the port defaults to the board's 5757).</summary>
public sealed record BoardAddress(string Host, int Port)
{
    public const string Scheme = "tcp://";

    public static bool IsTcp(string port) => port.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses tcp://HOST[:PORT]; anything malformed is a usage error saying the expected form.</summary>
    public static BoardAddress Parse(string value)
    {
        string rest = value[Scheme.Length..].TrimEnd('/');
        string host = rest;
        int port = NetworkDefaults.LinkPort;
        int colon = rest.LastIndexOf(':');
        if (colon >= 0)
        {
            host = rest[..colon];
            if (!int.TryParse(rest[(colon + 1)..], out port) || port is < 1 or > 65535)
                throw new UserError($"--port {value}: the TCP port must be a number from 1 to 65535, as in tcp://192.168.1.42:{NetworkDefaults.LinkPort}", 2);
        }
        if (host.Length == 0 || host.Contains('/'))
            throw new UserError($"--port {value}: expected tcp://HOST[:PORT], e.g. tcp://192.168.1.42 or tcp://127.0.0.1:{NetworkDefaults.LinkPort}", 2);
        return new BoardAddress(host, port);
    }

    public override string ToString() => $"{Scheme}{Host}:{Port}";
}
