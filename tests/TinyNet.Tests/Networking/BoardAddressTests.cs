using TinyNet.Host;
using TinyNet.Host.Networking;
using TinyNet.Networking;
using TinyNet.Tests.Cli;

namespace TinyNet.Tests.Networking;

public class BoardAddressTests
{
    [Theory]
    [InlineData("tcp://192.168.1.42", "192.168.1.42", NetworkDefaults.LinkPort)]
    [InlineData("tcp://127.0.0.1:6000", "127.0.0.1", 6000)]
    [InlineData("TCP://board.local:5757/", "board.local", 5757)]
    public void Tcp_port_values_parse_with_the_board_port_as_default(string value, string host, int port)
    {
        Assert.True(BoardAddress.IsTcp(value));
        Assert.Equal(new BoardAddress(host, port), BoardAddress.Parse(value));
    }

    [Theory]
    [InlineData("tcp://")]
    [InlineData("tcp://:5757")]
    [InlineData("tcp://host:0")]
    [InlineData("tcp://host:70000")]
    [InlineData("tcp://host:http")]
    [InlineData("tcp://host/path")]
    public void Malformed_tcp_port_values_are_usage_errors_saying_the_form(string value)
    {
        var e = Assert.Throws<UserError>(() => BoardAddress.Parse(value));
        Assert.Equal(2, e.ExitCode);
        Assert.Contains("tcp://", e.Message);
    }

    [Fact]
    public void Board_commands_refuse_a_bad_or_unreachable_tcp_port_in_one_line()
    {
        var bad = CliProcess.Run("info", "--port", "tcp://127.0.0.1:99999");
        Assert.Equal(2, bad.ExitCode);
        Assert.Single(bad.ErrorLines);

        var nobody = CliProcess.Run("info", "--port", "tcp://127.0.0.1:1");
        Assert.Equal(1, nobody.ExitCode);
        Assert.StartsWith("tinynet: cannot connect to tcp://127.0.0.1:1: ", Assert.Single(nobody.ErrorLines));
    }

    [Fact]
    public void Boards_says_so_when_nothing_answers()
    {
        var result = CliProcess.Run("boards", "--broadcast", "127.255.255.255", "--discovery-port", BoardProcess.FreeUdpPort().ToString(), "--wait", "200");
        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("tinynet: no boards found", Assert.Single(result.ErrorLines));
    }
}
