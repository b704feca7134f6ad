using TinyNet.Networking;

namespace TinyNet.Tests.Networking;

public class DiscoveryMessageTests
{
    private static BoardAnnouncement Sample() => new()
    {
        Name = "tinynet-esp32", Firmware = "TinyNet.Device 1.0", ProtocolVersion = 1, Profile = "esp32",
        TcpPort = NetworkDefaults.LinkPort, SerialPath = "", ModelPresent = true, ModelName = "mnist", ModelCrc = 0xDEADBEEF,
    };

    [Fact]
    public void An_announcement_reads_back_field_for_field()
    {
        var buffer = new byte[DiscoveryMessage.MaxBytes];
        int length = DiscoveryMessage.WriteAnnouncement(Sample(), buffer);
        BoardAnnouncement? read = DiscoveryMessage.ReadAnnouncement(buffer, length);
        Assert.NotNull(read);
        Assert.Equivalent(Sample(), read, strict: true);
    }

    [Fact]
    public void Long_texts_are_cut_so_the_announcement_still_fits_one_datagram()
    {
        var board = Sample();
        board.Name = board.Firmware = board.Profile = board.SerialPath = board.ModelName = new string('x', 5000);
        var buffer = new byte[DiscoveryMessage.MaxBytes];
        int length = DiscoveryMessage.WriteAnnouncement(board, buffer);
        Assert.InRange(length, 1, DiscoveryMessage.MaxBytes);
        Assert.Equal(96, DiscoveryMessage.ReadAnnouncement(buffer, length)!.Name.Length);
    }

    [Fact]
    public void Queries_cut_announcements_and_stray_datagrams_are_not_announcements()
    {
        var buffer = new byte[DiscoveryMessage.MaxBytes];
        int length = DiscoveryMessage.WriteAnnouncement(Sample(), buffer);
        for (int cut = 0; cut < length; cut++)
            Assert.Null(DiscoveryMessage.ReadAnnouncement(buffer, cut));
        var query = new byte[DiscoveryMessage.QueryBytes];
        DiscoveryMessage.WriteQuery(query);
        Assert.True(DiscoveryMessage.IsQuery(query, query.Length));
        Assert.Null(DiscoveryMessage.ReadAnnouncement(query, query.Length));
        Assert.False(DiscoveryMessage.IsQuery(buffer, length));
        Assert.False(DiscoveryMessage.IsQuery("GET "u8.ToArray(), 4));
        query[3] = 2; // a newer version
        Assert.False(DiscoveryMessage.IsQuery(query, query.Length));
    }
}
