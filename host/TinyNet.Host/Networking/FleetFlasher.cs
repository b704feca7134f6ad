using System.Diagnostics;
using TinyNet.Host.Board;
using TinyNet.Link;

namespace TinyNet.Host.Networking;

/// <summary>How flashing one board of a fleet went.</summary>
public sealed record FleetResult(string Port, bool Ok, string Message);

/// <summary>
/// Uploads one model to many boards at once, each on its own thread and connection with its own
/// verification (the board's CRC after the upload). A board that fails or hangs only fails its own line.
/// </summary>
public static class FleetFlasher
{
    public static IReadOnlyList<FleetResult> Flash(byte[] file, IReadOnlyList<string> ports)
    {
        var results = new FleetResult[ports.Count];
        var threads = new Thread[ports.Count];
        for (int i = 0; i < ports.Count; i++)
        {
            int index = i;
            threads[i] = new Thread(() => results[index] = FlashOne(file, ports[index])) { IsBackground = true, Name = "flash " + ports[i] };
            threads[i].Start();
        }
        foreach (var thread in threads) thread.Join();
        return results;
    }

    private static FleetResult FlashOne(byte[] file, string port)
    {
        try
        {
            var watch = Stopwatch.StartNew();
            using var board = BoardConnection.Open(port, TextWriter.Null);
            if (file.Length > board.Info.MaxModelBytes)
                return new FleetResult(port, false, $"the model is {file.Length} bytes; this board takes at most {board.Info.MaxModelBytes}");
            UploadResult upload = board.Call(() => board.Client.Upload(file, file.Length, null));
            BoardInfo info = board.Call(() => board.Client.Hello());
            uint expected = LinkClient.ModelCrcOf(file, file.Length);
            if (!info.ModelPresent || info.ModelCrc != expected)
                return new FleetResult(port, false, $"after the upload the board reports {(info.ModelPresent ? $"CRC 0x{info.ModelCrc:X8}" : "no model")}, expected 0x{expected:X8}");
            string resumed = upload.ResumedFrom > 0 ? $", resumed at byte {upload.ResumedFrom}" : "";
            return new FleetResult(port, true, $"CRC 0x{info.ModelCrc:X8} verified ({file.Length} bytes in {watch.Elapsed.TotalSeconds:F2} s{resumed})");
        }
        catch (Exception e)
        {
            // Whatever went wrong with this board (a dead link, a vanished port) is its line's failure;
            // it must never take the other boards' uploads down with it.
            return new FleetResult(port, false, e.Message);
        }
    }
}
