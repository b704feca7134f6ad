using TinyNet.Board;
using TinyNet.Link;

namespace TinyNet.Tests.Link;

public class SessionTests
{
    [Fact]
    public void HelloOnAnEmptyBoardReportsNoModel()
    {
        using var rig = new LinkRig();
        BoardInfo info = rig.Client.Hello();
        Assert.Equal(LinkProtocol.Version, info.ProtocolVersion);
        Assert.Equal(LinkRig.Firmware, info.FirmwareVersion);
        Assert.Equal(123_456, info.FreeMemoryBytes);
        Assert.Equal(LinkProtocol.MaxPayload, info.MaxPayload);
        Assert.Equal(rig.MaxModelBytes, info.MaxModelBytes);
        Assert.False(info.ModelPresent);
        Assert.Empty(info.Shape);
        Assert.Equal("", info.ModelStatus);
    }

    [Fact]
    public void UploadedModelIsReportedAndSurvivesAReboot()
    {
        using var rig = new LinkRig();
        byte[] file = TestModels.MnistFile("digits-a", 1);
        UploadResult result = rig.Client.Upload(file, file.Length, null);
        Assert.Equal(0, result.ResumedFrom);
        Assert.Equal((file.Length + 511) / 512, result.Chunks);

        BoardInfo info = rig.Client.Hello();
        Assert.True(info.ModelPresent);
        Assert.Equal("digits-a", info.ModelName);
        Assert.Equal(new[] { 784, 16, 10 }, info.Shape);
        Assert.Equal(file.Length, info.ModelBytes);
        Assert.Equal(LinkClient.ModelCrcOf(file, file.Length), info.ModelCrc);
        Assert.Equal(BitConverter.ToUInt32(file, file.Length - 4), info.ModelCrc);

        rig.Reboot();
        Assert.True(rig.Session.HasModel);
        Assert.Equal("digits-a", rig.Client.Hello().ModelName);
        Assert.Equal(0, rig.Client.Retries);
    }

    [Fact]
    public void ABrokenStoredModelBootsWithoutAModelAndSaysWhy()
    {
        byte[] file = TestModels.MnistFile("digits-a", 1);
        file[100] ^= 0x40;
        var store = new MemoryModelStore(64 * 1024);
        store.SetActive(file, file.Length);
        using var rig = new LinkRig(store);
        BoardInfo info = rig.Client.Hello();
        Assert.False(info.ModelPresent);
        Assert.Contains("CRC mismatch", info.ModelStatus);
        var e = Assert.Throws<LinkException>(() => rig.Client.Predict(new byte[784], 0, 784));
        Assert.Equal(ErrorCode.NoModel, e.Code);
        Assert.Contains("CRC mismatch", e.Message);
    }

    [Theory]
    [InlineData("magic")]
    [InlineData("truncated")]
    [InlineData("nan")]
    [InlineData("chain")]
    public void AMalformedUploadIsRefusedWithTheReasonAndTheOldModelStays(string damage)
    {
        using var rig = new LinkRig();
        byte[] good = TestModels.MnistFile("old-one", 1);
        rig.Client.Upload(good, good.Length, null);

        byte[] bad = TestModels.MnistFile("new-one", 2);
        string expected;
        switch (damage)
        {
            case "magic":
                bad[0] = (byte)'X';
                TestModels.FixCrc(bad);
                expected = "bad magic";
                break;
            case "truncated":
                bad = bad.Take(bad.Length - 100).ToArray();
                expected = "the model file is truncated"; // the header promises more than arrives
                break;
            case "nan":
                // the first float32 weight of layer 2 sits after the int8 weights, scales and biases of layer 1
                int at = bad.Length - 4 - (16 * 10 + 10) * 4;
                BitConverter.GetBytes(float.NaN).CopyTo(bad, at);
                TestModels.FixCrc(bad);
                expected = "NaN weight in layer 2";
                break;
            default:
                // layer 2 says it takes 17 inputs: the layers no longer chain
                int entry2 = 9 + "new-one".Length + 2 + 12;
                BitConverter.GetBytes(17u).CopyTo(bad, entry2);
                TestModels.FixCrc(bad);
                expected = "layer 2";
                break;
        }
        var e = Assert.Throws<LinkException>(() => rig.Client.Upload(bad, bad.Length, null));
        Assert.Equal(ErrorCode.ModelInvalid, e.Code);
        Assert.Contains(expected, e.Message);
        Assert.Contains("previous model stays active", e.Message);
        Assert.Equal("old-one", rig.Client.Hello().ModelName);
        Assert.Equal(0, rig.Store.UploadLength);
        rig.Reboot();
        Assert.Equal("old-one", rig.Session.Model!.Name);
    }

    [Fact]
    public void AnUploadLargerThanTheStoreIsRefusedBeforeAnyByteIsSent()
    {
        using var rig = new LinkRig(maxModelBytes: 4000);
        byte[] file = TestModels.MnistFile("big", 1);
        var e = Assert.Throws<LinkException>(() => rig.Client.Upload(file, file.Length, null));
        Assert.Equal(ErrorCode.UploadTooLarge, e.Code);
        Assert.Contains("4000", e.Message);
        Assert.Equal(0, rig.Store.UploadLength);
    }

    [Fact]
    public void AnInterruptedUploadResumesWhereItStopped()
    {
        using var rig = new LinkRig();
        byte[] file = TestModels.MnistFile("resumed", 3);
        rig.HostEnd.CutAfterBytes = file.Length / 2;
        Assert.Throws<LinkException>(() => rig.Client.Upload(file, file.Length, null));
        int had = rig.Store.UploadLength;
        Assert.True(had > 0);

        rig.HostEnd.CutAfterBytes = -1; // plugged back in, same boot
        UploadResult again = rig.Client.Upload(file, file.Length, null);
        Assert.Equal(had, again.ResumedFrom);
        Assert.Equal("resumed", rig.Client.Hello().ModelName);
    }

    [Fact]
    public void AfterARebootAPartialUploadResumesOnlyWhenItsBytesMatch()
    {
        using var rig = new LinkRig();
        byte[] file = TestModels.MnistFile("first", 3);
        rig.HostEnd.CutAfterBytes = file.Length / 2;
        Assert.Throws<LinkException>(() => rig.Client.Upload(file, file.Length, null));
        int had = rig.Store.UploadLength;
        rig.HostEnd.CutAfterBytes = -1;

        // Same file after a reboot: the board no longer knows what it was, the prefix CRC proves it.
        rig.Reboot();
        Assert.Equal(had, rig.Client.Upload(file, file.Length, null).ResumedFrom);
        Assert.Equal("first", rig.Client.Hello().ModelName);

        // A different file of the same size after a reboot: the prefix differs, so it starts over.
        byte[] other = TestModels.MnistFile("other", 4);
        Assert.Equal(file.Length, other.Length);
        rig.HostEnd.CutAfterBytes = other.Length / 2;
        Assert.Throws<LinkException>(() => rig.Client.Upload(other, other.Length, null));
        rig.HostEnd.CutAfterBytes = -1;
        rig.Reboot();
        byte[] third = TestModels.MnistFile("third", 5);
        Assert.Equal(0, rig.Client.Upload(third, third.Length, null).ResumedFrom);
        Assert.Equal("third", rig.Client.Hello().ModelName);
    }

    [Fact]
    public void ADeadBoardGivesAClearTimeoutAfterTheRetries()
    {
        using var rig = new LinkRig();
        rig.HostEnd.Idle = () => { }; // nobody runs the board
        rig.Client.MaxAttempts = 3;
        var e = Assert.Throws<LinkException>(() => rig.Client.Hello());
        Assert.True(e.IsTimeout);
        Assert.Contains("no answer from the board to HELLO after 3 tries", e.Message);
        Assert.Equal(2, rig.Client.Retries);
    }

    private sealed class Lines : ILinkLog
    {
        public readonly List<string> Got = new();
        public void Line(string text) => Got.Add(text);
    }

    [Fact]
    public void BoardLogLinesReachTheHostBetweenReplies()
    {
        using var rig = new LinkRig();
        var lines = new Lines();
        rig.Client.Log = lines;
        rig.Session.SendLog("booted: no model ✓");
        rig.Session.SendLog("second line");
        rig.Client.Hello();
        Assert.Equal(new[] { "booted: no model ✓", "second line" }, lines.Got);
        Assert.Equal(0, rig.Client.StaleFrames);
    }
}
