using System.Net;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Listeners;

public sealed class SockDiagProtocolTests
{
    [Fact]
    public void The_request_is_an_inet_diag_req_v2_dump_filtered_by_state()
    {
        var request = SockDiagProtocol.BuildRequest(SockDiagProtocol.AfInet6, SockDiagProtocol.IpProtoTcp, 1 << 10, 5);

        Assert.Equal(72, request.Length);
        Assert.Equal(72u, BitConverter.ToUInt32(request, 0));
        Assert.Equal(20, BitConverter.ToUInt16(request, 4)); // SOCK_DIAG_BY_FAMILY
        Assert.Equal(0x301, BitConverter.ToUInt16(request, 6)); // NLM_F_REQUEST | NLM_F_DUMP
        Assert.Equal(5u, BitConverter.ToUInt32(request, 8));
        Assert.Equal(10, request[16]); // AF_INET6
        Assert.Equal(6, request[17]); // IPPROTO_TCP
        Assert.Equal(1u << 10, BitConverter.ToUInt32(request, 20)); // TCP_LISTEN only
        Assert.All(request.Skip(24), b => Assert.Equal(0, b));
    }

    [Fact]
    public void Parses_hand_built_messages_with_the_v6only_attribute()
    {
        var datagram = NetlinkBytes.Concat(
            NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.Parse("127.0.0.1"), 8080, 10, 1000, 4242)),
            NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.IPv6Any, 443, 10, 0, 7), NetlinkBytes.Attribute(8, new byte[] { 0 }), NetlinkBytes.Attribute(11, new byte[] { 0 })),
            NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.IPv6Any, 444, 10, 0, 8), NetlinkBytes.Attribute(11, new byte[] { 1 })),
            NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.IPv6Loopback, 445, 10, 0, 9)),
            NetlinkBytes.Done());
        var sockets = new List<ListenerSocket>();

        Assert.True(SockDiagProtocol.ParseDatagram(datagram, datagram.Length, ListenerProtocol.Tcp, sockets, out var error));

        Assert.Equal(0, error);
        Assert.Equal(4, sockets.Count);
        Assert.Equal(IPAddress.Parse("127.0.0.1"), sockets[0].Address);
        Assert.Equal(8080, sockets[0].Port);
        Assert.Equal(1000, sockets[0].Uid);
        Assert.Equal(4242, sockets[0].SocketId);
        Assert.Null(sockets[0].V6Only);
        Assert.False(sockets[1].V6Only);
        Assert.True(sockets[2].V6Only);
        Assert.Null(sockets[3].V6Only);
    }

    [Fact]
    public void A_datagram_without_done_asks_for_more_and_an_error_is_reported()
    {
        var partial = NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.Loopback, 1, 10, 0, 1));
        var sockets = new List<ListenerSocket>();
        Assert.False(SockDiagProtocol.ParseDatagram(partial, partial.Length, ListenerProtocol.Tcp, sockets, out _));

        var error = NetlinkBytes.Error(2);
        Assert.True(SockDiagProtocol.ParseDatagram(error, error.Length, ListenerProtocol.Udp, sockets, out var errno));
        Assert.Equal(2, errno); // ENOENT, as the kernel sends when udp_diag is missing
    }

    [Theory]
    [InlineData("stray bytes")]
    [InlineData("length overruns")]
    [InlineData("length too small")]
    [InlineData("short inet_diag_msg")]
    [InlineData("attribute overruns")]
    [InlineData("unknown family")]
    [InlineData("unknown type")]
    public void Truncated_or_inconsistent_messages_are_a_clean_error(string damage)
    {
        var good = NetlinkBytes.Message(20, NetlinkBytes.InetDiagMessage(IPAddress.IPv6Any, 80, 10, 0, 1), NetlinkBytes.Attribute(11, new byte[] { 1 }));
        var bad = damage switch
        {
            "stray bytes" => NetlinkBytes.Concat(good, new byte[] { 1, 2, 3 }),
            "length overruns" => Patch(good, 0, BitConverter.GetBytes((uint)good.Length + 4)),
            "length too small" => Patch(good, 0, BitConverter.GetBytes(8u)),
            "short inet_diag_msg" => NetlinkBytes.Message(20, new byte[40]),
            "attribute overruns" => Patch(good, 16 + 72, BitConverter.GetBytes((ushort)200)),
            "unknown family" => Patch(good, 16, new byte[] { 99 }),
            _ => Patch(good, 4, BitConverter.GetBytes((ushort)77)),
        };

        var e = Assert.Throws<LoopbackToolsException>(() => SockDiagProtocol.ParseDatagram(bad, bad.Length, ListenerProtocol.Tcp, new List<ListenerSocket>(), out _));
        Assert.Equal("Listeners.MalformedTable", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidData, e.Kind);
    }

    [Fact]
    public void Random_garbage_parses_or_fails_cleanly_and_never_hangs()
    {
        var random = new Random(1234);
        for (var i = 0; i < 5000; i++)
        {
            var garbage = new byte[random.Next(0, 400)];
            random.NextBytes(garbage);
            if (garbage.Length >= 16 && i % 2 == 0)
            {
                BitConverter.GetBytes((uint)random.Next(16, garbage.Length + 1)).CopyTo(garbage, 0); // plausible lengths reach deeper
                garbage[4] = 20;
                garbage[5] = 0;
            }

            try
            {
                SockDiagProtocol.ParseDatagram(garbage, garbage.Length, ListenerProtocol.Tcp, new List<ListenerSocket>(), out _);
            }
            catch (LoopbackToolsException e)
            {
                Assert.Equal("Listeners.MalformedTable", e.ErrorId);
            }
        }
    }

    [Fact]
    public void Parses_replies_captured_from_this_kernel()
    {
        // Captured with listeners on 127.0.0.1:40001, [::]:40002 (dual-stack), [::]:40003 and [::1]:40004 (v6-only);
        // the replies carry the kernel's other attributes too (SHUTDOWN, MARK, CGROUP_ID, SOCKOPT).
        var v4 = ParseCapture("tcp4-listen.hex");
        var v6 = ParseCapture("tcp6-listen.hex");

        var only4 = Assert.Single(v4);
        Assert.Equal("127.0.0.1:40001", $"{only4.Address}:{only4.Port}");
        Assert.Equal(3, v6.Count);
        Assert.False(v6.Single(s => s.Port == 40002).V6Only);
        Assert.True(v6.Single(s => s.Port == 40003).V6Only);
        Assert.Equal(IPAddress.IPv6Loopback, v6.Single(s => s.Port == 40004).Address);
        Assert.All(v4.Concat(v6), s => Assert.True(s.SocketId > 0));
    }

    private static List<ListenerSocket> ParseCapture(string name)
    {
        var sockets = new List<ListenerSocket>();
        foreach (var line in File.ReadAllLines(RepoPaths.Fixture("netlink", name)).Where(l => l.Length > 0))
        {
            var datagram = NetlinkBytes.FromHex(line);
            if (SockDiagProtocol.ParseDatagram(datagram, datagram.Length, ListenerProtocol.Tcp, sockets, out var error))
            {
                Assert.Equal(0, error);
                return sockets;
            }
        }

        throw new InvalidOperationException("capture " + name + " has no NLMSG_DONE");
    }

    private static byte[] Patch(byte[] source, int offset, byte[] bytes)
    {
        var copy = (byte[])source.Clone();
        bytes.CopyTo(copy, offset);
        return copy;
    }
}
