using TinyNet.Host.Board;
using TinyNet.Host.Serial;
using TinyNet.Link;

namespace TinyNet.Host.Networking;

/// <summary>A serial port that answered HELLO, and what it said.</summary>
public sealed record SerialBoard(string Port, BoardInfo Info);

/// <summary>
/// Finds boards on the USB serial adapters (/dev/ttyUSB*, /dev/ttyACM*): each port gets one short
/// HELLO; those that answer are TinyNet boards. Virtual boards on pseudo-terminals announce
/// themselves through discovery instead.
/// </summary>
public static class SerialProbe
{
    private const int HelloMilliseconds = 400;

    public static IEnumerable<string> CandidatePorts() =>
        Directory.Exists("/dev")
            ? Directory.EnumerateFiles("/dev", "ttyUSB*").Concat(Directory.EnumerateFiles("/dev", "ttyACM*")).Order(StringComparer.Ordinal)
            : [];

    public static IReadOnlyList<SerialBoard> Find()
    {
        var found = new List<SerialBoard>();
        foreach (string port in CandidatePorts())
        {
            try
            {
                using var channel = new SerialPortChannel(port);
                var client = new LinkClient(channel, new HostClock()) { TimeoutMilliseconds = HelloMilliseconds, MaxAttempts = 1 };
                found.Add(new SerialBoard(port, client.Hello()));
            }
            catch (Exception e) when (e is UserError or LinkException or IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Not a board (or not ours to open): it is not listed.
            }
        }
        return found;
    }
}
