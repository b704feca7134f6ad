using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using TinyNet.Networking;

namespace TinyNet.Host.Networking;

/// <summary>A board that answered discovery, and the --port value that reaches it.</summary>
public sealed record FoundBoard(string Port, BoardAnnouncement Board);

/// <summary>
/// Finds boards on the network: broadcasts one discovery query and collects the answers that come
/// back within the wait, one per board.
/// </summary>
public static class BoardFinder
{
    /// <summary>Where the query goes when none is named: every host on the local network.</summary>
    public static readonly IPAddress NetworkBroadcast = IPAddress.Broadcast;

    public static IReadOnlyList<FoundBoard> Find(IPAddress broadcast, int port, int waitMilliseconds)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp) { EnableBroadcast = true };
        socket.Bind(new IPEndPoint(IPAddress.Any, 0));
        var query = new byte[DiscoveryMessage.QueryBytes];
        DiscoveryMessage.WriteQuery(query);
        try
        {
            socket.SendTo(query, new IPEndPoint(broadcast, port));
        }
        catch (SocketException e)
        {
            throw new UserError($"cannot send the discovery query to {broadcast}:{port}: {e.Message}; check the network (or use --broadcast)");
        }

        var found = new List<FoundBoard>();
        var buffer = new byte[DiscoveryMessage.MaxBytes];
        var watch = Stopwatch.StartNew();
        while (true)
        {
            long left = waitMilliseconds - watch.ElapsedMilliseconds;
            if (left <= 0 || !socket.Poll((int)left * 1000, SelectMode.SelectRead)) break;
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int n;
            try
            {
                n = socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException)
            {
                continue;
            }
            BoardAnnouncement? board = DiscoveryMessage.ReadAnnouncement(buffer, n);
            if (board == null) continue;
            string address = board.SerialPath.Length > 0
                ? board.SerialPath
                : new BoardAddress(((IPEndPoint)from).Address.ToString(), board.TcpPort).ToString();
            if (!found.Any(f => f.Port == address)) found.Add(new FoundBoard(address, board));
        }
        return found.OrderBy(f => f.Port, StringComparer.Ordinal).ToList();
    }
}
