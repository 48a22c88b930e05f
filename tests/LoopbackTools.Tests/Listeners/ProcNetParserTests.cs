using System.Net;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Tests.Listeners;

public sealed class ProcNetParserTests
{
    private const string TcpHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode";

    [Fact]
    public void Parses_ipv4_rows_and_keeps_only_the_wanted_state()
    {
        var text = TcpHeader + "\n"
            + "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0\n"
            + "   1: 0100007F:9C40 0100007F:1F90 01 00000000:00000000 00:00000000 00000000  1000        0 12346 1 0000000000000000 20 4 30 10 -1\n"
            + "   2: 00000000:0016 00000000:0000 0A 00000000:00000000 00:00000000 00000000   105        0 999 1 0000000000000000 100 0 0 10 0\n";

        var sockets = ProcNetParser.Parse(text, ListenerProtocol.Tcp, ProcNetParser.TcpListenState, "/proc/net/tcp", littleEndianWords: true);

        Assert.Equal(2, sockets.Count);
        Assert.Equal(IPAddress.Parse("127.0.0.1"), sockets[0].Address);
        Assert.Equal(8080, sockets[0].Port);
        Assert.Equal(12345, sockets[0].SocketId);
        Assert.Equal(0, sockets[0].Uid);
        Assert.Equal(IPAddress.Any, sockets[1].Address);
        Assert.Equal(22, sockets[1].Port);
        Assert.Equal(105, sockets[1].Uid);
        Assert.All(sockets, s => Assert.Null(s.V6Only));
    }

    [Theory]
    [InlineData("00000000000000000000000001000000", "::1")]
    [InlineData("00000000000000000000000000000000", "::")]
    [InlineData("0000000000000000FFFF00000100007F", "::ffff:127.0.0.1")]
    [InlineData("B80D0120000000000000000001000000", "2001:db8::1")]
    [InlineData("0100007F", "127.0.0.1")]
    [InlineData("0200007F", "127.0.0.2")]
    public void Decodes_little_endian_address_words(string hex, string expected) =>
        Assert.Equal(IPAddress.Parse(expected), ProcNetParser.ParseAddress(hex, littleEndianWords: true));

    [Fact]
    public void Decodes_big_endian_words_for_big_endian_hosts() =>
        Assert.Equal(IPAddress.Parse("127.0.0.1"), ProcNetParser.ParseAddress("7F000001", littleEndianWords: false));

    [Fact]
    public void Ipv6_rows_cannot_tell_dual_stack_from_v6_only()
    {
        var text = TcpHeader + "\n   0: 00000000000000000000000000000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 4711 1 0000000000000000 100 0 0 10 0\n";

        var socket = Assert.Single(ProcNetParser.Parse(text, ListenerProtocol.Tcp, ProcNetParser.TcpListenState, "/proc/net/tcp6", true));

        Assert.Equal(IPAddress.IPv6Any, socket.Address);
        Assert.Null(socket.V6Only);
        Assert.Null(ListenerScanner.DualStack(socket.Address, socket.V6Only));
    }

    [Fact]
    public void Empty_input_is_no_sockets() =>
        Assert.Empty(ProcNetParser.Parse(string.Empty, ListenerProtocol.Udp, ProcNetParser.UdpUnconnectedState, "/proc/net/udp", true));

    [Theory]
    [InlineData("garbage without a header\n")]
    [InlineData(TcpHeader + "\n   0: 0100007F:1F90 00000000:0000 0A\n")]
    [InlineData(TcpHeader + "\n   0: 0100007F:1F90 00000000:0000 ZZ 00000000:00000000 00:00000000 00000000 0 0 1\n")]
    [InlineData(TcpHeader + "\n   0: 0100007F1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n")]
    [InlineData(TcpHeader + "\n   0: 0100007:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n")]
    [InlineData(TcpHeader + "\n   0: 0100007F:1FFFFF 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n")]
    [InlineData(TcpHeader + "\n   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 x 0 1\n")]
    [InlineData(TcpHeader + "\n   0: 0100007G:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 1\n")]
    public void Malformed_tables_are_a_clean_error(string text)
    {
        var e = Assert.Throws<LoopbackToolsException>(() => ProcNetParser.Parse(text, ListenerProtocol.Tcp, ProcNetParser.TcpListenState, "/proc/net/tcp", true));
        Assert.Equal("Listeners.MalformedTable", e.ErrorId);
        Assert.Contains("/proc/net/tcp", e.Message, StringComparison.Ordinal);
    }
}
