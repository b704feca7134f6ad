using TinyNet.Host.Board;
using TinyNet.Host.Serial;
using TinyNet.Link;
using TinyNet.Tests.Link;

namespace TinyNet.Tests.Networking;

/// <summary>
/// The serial side of "after a cut, the next command must succeed at once": a client that vanishes
/// mid-upload (its port closed with half a frame sent) must not cost the next client a single retry.
/// </summary>
[Collection(RealTimeLinks.Name)]
public sealed class SerialCutTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-serial-cut").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void After_a_client_vanishes_mid_upload_the_next_hello_and_predict_need_no_retry()
    {
        byte[] file = TestModels.MnistFile("cut", 9, hidden: 4), other = TestModels.MnistFile("other", 10, hidden: 4);
        using var board = new VirtualBoard(Path.Combine(_dir, "store"), 921600);
        var rng = new Random(11);
        var pixels = new byte[784];
        int retries = 0;
        using (var first = BoardConnection.Open(board.DevicePath, TextWriter.Null, 921600))
            first.Client.Upload(file, file.Length, null);
        for (int trial = 0; trial < 12; trial++)
        {
            int cutAt = rng.Next(1, other.Length);
            using (var channel = new SerialPortChannel(board.DevicePath, 921600))
            {
                // Resuming uploads of `other` send fewer bytes each time; once one completes the next starts over.
                try { new LinkClient(new CutAfter(channel, cutAt), new HostClock()).Upload(other, other.Length, null); }
                catch (CutException) { }
            }
            using var next = BoardConnection.Open(board.DevicePath, TextWriter.Null, 921600);
            next.Client.Predict(pixels, 0, pixels.Length);
            retries += next.Client.Retries;
        }
        // Each retry is a request unanswered for a second. One may be a stalled thread on a busy machine;
        // a board confused by the cut would cost one on nearly every trial.
        Assert.True(retries <= 1, $"{retries} retries in 12 commands right after a cut");
    }

    [Fact]
    public void A_second_command_on_the_same_serial_port_waits_for_the_first_instead_of_stealing_its_replies()
    {
        byte[] file = TestModels.MnistFile("lock", 3, hidden: 4);
        using var board = new VirtualBoard(Path.Combine(_dir, "store"), 921600);
        var pixels = new byte[784];
        var first = BoardConnection.Open(board.DevicePath, TextWriter.Null, 921600);
        int secondRetries = -1;
        var second = new Thread(() =>
        {
            using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null, 921600);
            link.Client.Predict(pixels, 0, pixels.Length);
            secondRetries = link.Client.Retries;
        });
        second.Start();
        first.Client.Upload(file, file.Length, null);
        Thread.Sleep(300);
        Assert.True(second.IsAlive, "the second command got the port while the first still held it");
        for (int i = 0; i < 20; i++) first.Client.Predict(pixels, 0, pixels.Length);
        Assert.Equal(0, first.Client.Retries);
        first.Dispose();
        Assert.True(second.Join(TimeSpan.FromSeconds(10)), "the second command did not get the port after the first let it go");
        Assert.Equal(0, secondRetries);
    }

    // Passes writes through until `cutAt` bytes, sends the part of the frame before it, then fails.
    private sealed class CutAfter(IByteChannel inner, int cutAt) : IByteChannel
    {
        private int _written;

        public int Read(byte[] buffer, int offset, int count, int timeoutMilliseconds) => inner.Read(buffer, offset, count, timeoutMilliseconds);

        public void Write(byte[] buffer, int offset, int count)
        {
            int room = cutAt - _written;
            inner.Write(buffer, offset, Math.Min(count, Math.Max(0, room)));
            _written += count;
            if (_written >= cutAt) throw new CutException();
        }
    }
}
