using TinyNet.Board;
using TinyNet.Host.Board;
using TinyNet.Link;
using TinyNet.Models;

namespace TinyNet.Tests.Board;

/// <summary>The virtual board refuses, loads and reports as the board of its profile, with the device's own messages.</summary>
public sealed class VirtualBoardProfileTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("tinynet-profile").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static LinkException UploadRefused(BoardProfile profile, string store, byte[] file)
    {
        using var board = new VirtualBoard(store, profile: profile);
        using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null);
        return Assert.Throws<LinkException>(() => link.Client.Upload(file, file.Length, null));
    }

    [Fact]
    public void The_esp32_refuses_the_float_MNIST_model_with_the_devices_message_and_says_to_quantize()
    {
        byte[] file = ModelFile.Write(TestModels.Float(128));
        Assert.InRange(file.Length, 400_000, 410_000);
        var e = UploadRefused(BoardProfile.Esp32, Path.Combine(_dir, "esp32"), file);
        Assert.Equal(ErrorCode.UploadTooLarge, e.Code);
        // The message the device app produces: the same shared code, the same profile figures.
        Assert.Contains(ModelFit.FlashMessage(file.Length, BoardProfile.Esp32.MaxModelBytes, "esp32"), e.Message);
        Assert.Contains("quantize it", e.Message);
    }

    [Theory]
    [InlineData("esp32")]
    [InlineData("esp32-psram")]
    [InlineData("esp32-s3")]
    public void Each_profile_refuses_a_file_one_byte_over_its_limit_and_reports_its_figures(string name)
    {
        BoardProfile profile = BoardProfile.FromName(name)!;
        string store = Path.Combine(_dir, name);
        using (var board = new VirtualBoard(store, profile: profile))
        using (var link = BoardConnection.Open(board.DevicePath, TextWriter.Null))
        {
            Assert.Equal(name, link.Info.ProfileName);
            Assert.Equal(profile.HeapBytes, link.Info.HeapBytes);
            Assert.Equal(profile.MaxModelBytes, link.Info.MaxModelBytes);
            Assert.Equal(ModelFit.AvailableHeapBytes(profile), link.Info.FreeMemoryBytes);   // the board's heap, not the host's
        }
        var e = UploadRefused(profile, store, new byte[profile.MaxModelBytes + 1]);
        Assert.Equal(ErrorCode.UploadTooLarge, e.Code);
        Assert.Contains(ModelFit.FlashMessage(profile.MaxModelBytes + 1, profile.MaxModelBytes, name), e.Message);
    }

    [Fact]
    public void A_float_model_that_fits_the_esp32_flash_but_not_its_heap_is_refused_at_commit_with_the_bytes()
    {
        Model model = TestModels.Float(30);
        byte[] file = ModelFile.Write(model);
        Assert.True(file.Length <= BoardProfile.Esp32.MaxModelBytes);
        var e = UploadRefused(BoardProfile.Esp32, Path.Combine(_dir, "heap"), file);
        Assert.Equal(ErrorCode.ModelTooLargeForHeap, e.Code);
        var fit = ModelFit.Of(model, file.Length, BoardProfile.Esp32);
        Assert.Contains(fit.HeapMessage(), e.Message);
        Assert.Contains($"{fit.AvailableBytes} bytes for a model", e.Message);
    }

    [Fact]
    public void The_esp32_runs_the_default_int8_model_streamed_and_reports_it_and_its_heap()
    {
        Model model = TestModels.Int8(128);
        byte[] file = ModelFile.Write(model);
        using var board = new VirtualBoard(Path.Combine(_dir, "streamed"));
        using var link = BoardConnection.Open(board.DevicePath, TextWriter.Null);
        link.Client.Upload(file, file.Length, null);
        BoardInfo info = link.Client.Hello();
        Assert.Equal("esp32", info.ProfileName);
        Assert.True(info.ModelStreamed);
        Assert.Equal(ModelFit.StreamedHeapBytes(model), info.ModelHeapBytes);
        Assert.Equal(ModelFit.AvailableHeapBytes(BoardProfile.Esp32) - info.ModelHeapBytes, info.FreeMemoryBytes);
    }

    [Fact]
    public void An_INFO_from_a_board_that_predates_profiles_still_reads()
    {
        var info = new BoardInfo { ProtocolVersion = LinkProtocol.Version, FirmwareVersion = "old", MaxPayload = 1024, MaxModelBytes = 98304 };
        var payload = new byte[LinkProtocol.MaxPayload];
        var w = new PayloadWriter();
        w.Reset(payload, 0, payload.Length);
        info.Write(w);
        int full = w.Length;
        int oldLength = full - 2 - 4 - 1 - 4;   // without the appended profile, heap, streamed, model heap
        var r = new PayloadReader();
        r.Reset(payload, 0, oldLength);
        BoardInfo? read = BoardInfo.Read(r);
        Assert.NotNull(read);
        Assert.Equal("", read!.ProfileName);
        Assert.Equal(98304, read.MaxModelBytes);
    }
}
