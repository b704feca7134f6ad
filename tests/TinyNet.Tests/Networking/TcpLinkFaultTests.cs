using System.Diagnostics;
using System.Net.Sockets;
using TinyNet.Host;
using TinyNet.Host.Board;
using TinyNet.Host.Networking;
using TinyNet.Link;
using TinyNet.Tests.Link;

namespace TinyNet.Tests.Networking;

/// <summary>
/// The virtual board over TCP under the faults a network brings: clients cut mid-upload, a second
/// client while one holds the board, peers that send half a frame or garbage and then nothing.
/// In-process clients on 127.0.0.1, so hundreds of cuts take seconds, not process launches.
/// </summary>
[Collection(RealTimeLinks.Name)]
public sealed class TcpLinkFaultTests : IDisposable
{
    private const int IdleMilliseconds = 1000;

    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-tcp-faults").FullName;
    private readonly TcpVirtualBoard _board;

    public TcpLinkFaultTests()
    {
        _board = new TcpVirtualBoard(Path.Combine(_dir, "store"), 0, IdleMilliseconds);
    }

    public void Dispose()
    {
        _board.Dispose();
        Directory.Delete(_dir, recursive: true);
    }

    private LinkClient Client(TcpChannel channel) => new(channel, new HostClock());

    private TcpChannel Connect() => new(new BoardAddress("127.0.0.1", _board.Port));

    [Fact]
    public void Two_hundred_seeded_cuts_across_the_upload_each_leave_the_board_serving_at_once_with_the_old_model_and_the_upload_resuming()
    {
        byte[][] files = [TestModels.MnistFile("a", 1, hidden: 4), TestModels.MnistFile("b", 2, hidden: 4)];
        uint[] crcs = [LinkClient.ModelCrcOf(files[0], files[0].Length), LinkClient.ModelCrcOf(files[1], files[1].Length)];
        using (var first = Connect()) Client(first).Upload(files[0], files[0].Length, null);

        var rng = new Random(20261202);
        var pixels = new byte[784];
        int active = 0, oldModelKept = 0, resumed = 0, retried = 0;
        long slowest = 0;
        for (int trial = 0; trial < 200; trial++)
        {
            int next = 1 - active;
            byte[] file = files[next];
            long cutAt = rng.Next(1, file.Length + file.Length / 8); // every byte of the upload's traffic, and a little past it
            var progress = new LastAck();
            bool completed;
            using (var cut = new CutSocketChannel(_board.Port, cutAt, reset: trial % 2 == 0))
            {
                try
                {
                    new LinkClient(cut, new HostClock()).Upload(file, file.Length, progress);
                    completed = true;
                }
                catch (CutException)
                {
                    completed = false;
                }
            }

            var watch = Stopwatch.StartNew();
            using var channel = Connect();
            LinkClient client = Client(channel);
            BoardInfo info = client.Hello();
            slowest = Math.Max(slowest, watch.ElapsedMilliseconds);
            Assert.True(watch.ElapsedMilliseconds < 2000, $"trial {trial} (cut at {cutAt}): the next client was served after {watch.ElapsedMilliseconds} ms");
            // A retry means a HELLO went unanswered for a whole second; on a machine this busy (tests run in
            // parallel on 2 cores) a stalled thread can do that once, a board that is not serving every time.
            retried += client.Retries;
            Assert.True(info.ModelPresent, $"trial {trial}: {info.ModelStatus}");
            Assert.Contains(info.ModelCrc, crcs);
            client.Predict(pixels, 0, pixels.Length); // whatever is active loads and predicts

            UploadResult result = client.Upload(file, file.Length, null);
            if (!completed && info.ModelCrc == crcs[active])
            {
                oldModelKept++;
                Assert.True(result.ResumedFrom >= progress.Acknowledged,
                    $"trial {trial} (cut at {cutAt}): resumed at {result.ResumedFrom} though the board had acknowledged {progress.Acknowledged}");
                if (result.ResumedFrom > 0) resumed++;
            }
            Assert.Equal(crcs[next], client.Hello().ModelCrc);
            active = next;
        }
        // Most cuts land before the commit (the old model must then still be active), and most
        // after the first chunk (the upload must then resume, not start over).
        Assert.True(oldModelKept > 150, $"only {oldModelKept} of 200 cuts left the old model active");
        Assert.True(resumed > 100, $"only {resumed} of 200 uploads resumed");
        Assert.Equal(0, _board.Server.Refused);
        Assert.True(retried <= 2, $"{retried} of 200 first HELLOs after a cut went unanswered for a second");
    }

    [Fact]
    public void A_second_client_while_one_holds_the_board_is_told_busy_at_once()
    {
        using var holder = Connect();
        Client(holder).Hello();

        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<UserError>(() => BoardConnection.Open(_board.Address, TextWriter.Null).Dispose());
        Assert.Contains("busy with another client", error.Message);
        Assert.True(watch.ElapsedMilliseconds < 1000, $"BUSY took {watch.ElapsedMilliseconds} ms: it must come before the link's first retry");
        Assert.Equal(1, _board.Server.Refused);

        // The holder is unaffected, and once it leaves the next client is served.
        Client(holder).Hello();
        holder.Dispose();
        using var next = BoardConnection.Open(_board.Address, TextWriter.Null);
        Assert.Equal(LinkProtocol.Version, next.Info.ProtocolVersion);
    }

    [Theory]
    [InlineData("half a frame")]
    [InlineData("garbage")]
    [InlineData("garbage without end")]
    public void A_peer_that_completes_no_request_holds_the_board_no_longer_than_the_idle_timeout(string what)
    {
        using var peer = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        peer.Connect("127.0.0.1", _board.Port);
        var rng = new Random(7);
        byte[] bytes = what == "half a frame" ? [0x00, 0x09, 0x01, 0x05, 0x01, 0x02] : new byte[2000];
        rng.NextBytes(bytes.AsSpan(what == "half a frame" ? bytes.Length : 0));
        peer.Send(bytes);

        var watch = Stopwatch.StartNew();
        while (_board.Server.IdleDrops == 0 && watch.ElapsedMilliseconds < IdleMilliseconds + 3000)
        {
            if (what == "garbage without end")
            {
                rng.NextBytes(bytes);
                try { peer.Send(bytes, 0, 200, SocketFlags.None); } catch (SocketException) { break; }
            }
            Thread.Sleep(20);
        }
        Assert.Equal(1, _board.Server.IdleDrops);
        Assert.InRange(watch.ElapsedMilliseconds, IdleMilliseconds - 100, IdleMilliseconds + 500);

        using var next = BoardConnection.Open(_board.Address, TextWriter.Null);
        Assert.Equal(0, next.Client.Retries);
    }

    [Fact]
    public void A_client_the_board_dropped_for_idling_reconnects_on_its_next_request()
    {
        using var channel = Connect();
        LinkClient client = Client(channel);
        client.Hello();
        Thread.Sleep(IdleMilliseconds + 300);
        Assert.Equal(1, _board.Server.IdleDrops);
        Assert.Equal(LinkProtocol.Version, client.Hello().ProtocolVersion); // one retry, on a new connection
    }

    private sealed class LastAck : IUploadProgress
    {
        public int Acknowledged { get; private set; }

        public void Report(int acknowledged, int total) => Acknowledged = acknowledged;
    }
}
