using System.Net;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.MacOS;
using static LoopbackTools.Tests.Listeners.SocketFdInfoBytes;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// proc_pidfdinfo cannot run here: these buffers (<see cref="SocketFdInfoBytes"/>) are laid out exactly like
/// struct socket_fdinfo (xnu bsd/sys/proc_info.h, LP64), with the offsets documented on <see cref="SocketFdInfoParser"/>.
/// </summary>
public sealed class SocketFdInfoParserTests
{
    [Fact]
    public void Offsets_are_those_of_the_lp64_layout()
    {
        // proc_fileinfo 24 + socket_info: soi_so at 136 (after vinfo_stat), soi_family at 160, soi_kind at 232,
        // soi_proto at 240; in_sockinfo: insi_lport 4, insi_flags 16, insi_vflag 24, insi_laddr 48; tcp_sockinfo: tcpsi_state 80.
        Assert.Equal(160, SocketFdInfoParser.SocketHandleOffset);
        Assert.Equal(184, SocketFdInfoParser.FamilyOffset);
        Assert.Equal(256, SocketFdInfoParser.KindOffset);
        Assert.Equal(268, SocketFdInfoParser.LocalPortOffset);
        Assert.Equal(280, SocketFdInfoParser.FlagsOffset);
        Assert.Equal(288, SocketFdInfoParser.VFlagOffset);
        Assert.Equal(312, SocketFdInfoParser.LocalAddressOffset);
        Assert.Equal(344, SocketFdInfoParser.TcpStateOffset);
    }

    [Fact]
    public void A_listening_ipv4_tcp_socket()
    {
        var info = Build(family: 2, kind: 2, protocol: 6, port: 8080, vflag: 1, address: IPAddress.Loopback, tcpState: 1, handle: 0x1234_5678_9abc);

        var socket = SocketFdInfoParser.Parse(info, info.Length, 321)!;

        Assert.Equal(ListenerProtocol.Tcp, socket.Protocol);
        Assert.Equal(IPAddress.Loopback, socket.Address);
        Assert.Equal(8080, socket.Port);
        Assert.Equal(321, socket.ProcessId);
        Assert.Equal(0x1234_5678_9abc, socket.SocketId);
    }

    [Fact]
    public void The_kernel_handle_is_the_socket_id_even_with_the_top_bit_set()
    {
        // soi_so is a permuted kernel address, so it often has the top bit set: all 64 bits survive as a long.
        var socket = SocketFdInfoParser.Parse(TcpListener(80, 0xfffffe1f_2a3b4c58), SocketFdInfoParser.Length, 1)!;
        Assert.Equal(unchecked((long)0xfffffe1f_2a3b4c58), socket.SocketId);

        Assert.Null(SocketFdInfoParser.Parse(TcpListener(80, handle: 0), SocketFdInfoParser.Length, 1)!.SocketId);
    }

    [Fact]
    public void A_larger_future_socket_fdinfo_is_read_by_its_known_prefix()
    {
        var info = TcpListener(8080, handle: 7, length: 800);

        var socket = SocketFdInfoParser.Parse(info, 800, 9)!;

        Assert.Equal(8080, socket.Port);
        Assert.Equal(7, socket.SocketId);
    }

    [Fact]
    public void A_socket_whose_vflag_names_neither_ipv4_nor_ipv6_is_skipped()
    {
        var info = TcpListener(80, handle: 1);
        info[SocketFdInfoParser.VFlagOffset] = 0;

        Assert.Null(SocketFdInfoParser.Parse(info, info.Length, 1));
    }

    [Theory]
    [InlineData(0u, true)]
    [InlineData(0x8000u, false)]
    public void An_ipv6_any_socket_is_dual_stack_unless_v6only(uint flags, bool dualStack)
    {
        var info = Build(family: 30, kind: 2, protocol: 6, port: 443, vflag: 2, address: IPAddress.IPv6Any, tcpState: 1, flags: flags);

        var socket = SocketFdInfoParser.Parse(info, info.Length, 1)!;

        Assert.Equal(IPAddress.IPv6Any, socket.Address);
        Assert.Equal(dualStack, ListenerScanner.DualStack(socket.Address, socket.V6Only));
    }

    [Fact]
    public void A_bound_udp_socket()
    {
        var info = Build(family: 2, kind: 1, protocol: 17, port: 5353, vflag: 1, address: IPAddress.Any, tcpState: 0);

        var socket = SocketFdInfoParser.Parse(info, info.Length, 1)!;

        Assert.Equal(ListenerProtocol.Udp, socket.Protocol);
        Assert.Equal(5353, socket.Port);
    }

    [Theory]
    [InlineData(2, 2, 6, 4)] // TCP established
    [InlineData(1, 3, 0, 0)] // AF_UNIX
    [InlineData(2, 1, 6, 0)] // SOCKINFO_IN but not UDP
    public void Other_sockets_are_skipped(int family, int kind, int protocol, int tcpState) =>
        Assert.Null(SocketFdInfoParser.Parse(Build(family, kind, protocol, 80, 1, IPAddress.Loopback, tcpState), SocketFdInfoParser.Length, 1));

    [Fact]
    public void Truncated_info_is_a_clean_error()
    {
        var info = Build(family: 2, kind: 2, protocol: 6, port: 80, vflag: 1, address: IPAddress.Loopback, tcpState: 1);
        Assert.Equal("Listeners.MalformedTable", Assert.Throws<LoopbackToolsException>(() => SocketFdInfoParser.Parse(info, 400, 1)).ErrorId);
        Assert.Equal("Listeners.MalformedTable", Assert.Throws<LoopbackToolsException>(() => SocketFdInfoParser.Parse(info, 791, 1)).ErrorId);
        Assert.Equal("Listeners.MalformedTable", Assert.Throws<LoopbackToolsException>(() => SocketFdInfoParser.Parse(new byte[10], 792, 1)).ErrorId);
    }

    [Fact]
    public void Random_garbage_parses_or_fails_cleanly()
    {
        var random = new Random(7);
        for (var i = 0; i < 3000; i++)
        {
            var info = new byte[SocketFdInfoParser.Length];
            random.NextBytes(info);
            info[SocketFdInfoParser.FamilyOffset] = (byte)(i % 2 == 0 ? 2 : 30);
            info[SocketFdInfoParser.KindOffset] = (byte)(1 + (i % 2));
            try
            {
                SocketFdInfoParser.Parse(info, info.Length, 1);
            }
            catch (LoopbackToolsException e)
            {
                Assert.Equal("Listeners.MalformedTable", e.ErrorId);
            }
        }
    }
}
