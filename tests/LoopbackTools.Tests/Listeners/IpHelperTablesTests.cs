using System.Net;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Windows;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// GetExtendedTcpTable / GetExtendedUdpTable cannot run here: these buffers are laid out exactly like
/// MIB_TCPTABLE_OWNER_PID, MIB_TCP6TABLE_OWNER_PID, MIB_UDPTABLE_OWNER_PID and MIB_UDP6TABLE_OWNER_PID
/// (little-endian DWORDs, network-order addresses, the port big-endian in the DWORD's first two bytes).
/// </summary>
public sealed class IpHelperTablesTests
{
    [Fact]
    public void Tcp4_table_keeps_listen_rows_with_owner()
    {
        var table = Table(
            Row(Dword(2), new byte[] { 127, 0, 0, 1 }, PortDword(8080), Dword(0), Dword(0), Dword(1234)),
            Row(Dword(5), new byte[] { 127, 0, 0, 1 }, PortDword(50000), new byte[] { 127, 0, 0, 1 }, PortDword(8080), Dword(99)));

        var socket = Assert.Single(IpHelperTables.ParseTcp4(table, table.Length));

        Assert.Equal(ListenerProtocol.Tcp, socket.Protocol);
        Assert.Equal(IPAddress.Loopback, socket.Address);
        Assert.Equal(8080, socket.Port);
        Assert.Equal(1234, socket.ProcessId);
    }

    [Fact]
    public void Tcp6_table_reads_address_scope_port_state_and_owner()
    {
        var table = Table(
            Row(IPAddress.IPv6Loopback.GetAddressBytes(), Dword(0), PortDword(443), new byte[16], Dword(0), Dword(0), Dword(2), Dword(77)),
            Row(IPAddress.IPv6Any.GetAddressBytes(), Dword(0), PortDword(80), new byte[16], Dword(0), Dword(0), Dword(2), Dword(4)));

        var sockets = IpHelperTables.ParseTcp6(table, table.Length);

        Assert.Equal(2, sockets.Count);
        Assert.Equal(IPAddress.IPv6Loopback, sockets[0].Address);
        Assert.Equal(443, sockets[0].Port);
        Assert.Equal(77, sockets[0].ProcessId);
        Assert.Null(sockets[1].V6Only); // Windows tables do not say whether :: is dual-stack
    }

    [Fact]
    public void Udp_tables_read_every_row()
    {
        var v4 = Table(Row(new byte[] { 0, 0, 0, 0 }, PortDword(53), Dword(7)), Row(new byte[] { 127, 0, 0, 2 }, PortDword(5353), Dword(8)));
        var v6 = Table(Row(IPAddress.IPv6Any.GetAddressBytes(), Dword(0), PortDword(5353), Dword(9)));

        var udp4 = IpHelperTables.ParseUdp4(v4, v4.Length);
        var udp6 = Assert.Single(IpHelperTables.ParseUdp6(v6, v6.Length));

        Assert.Equal(new[] { 53, 5353 }, udp4.Select(s => s.Port));
        Assert.Equal(IPAddress.Parse("127.0.0.2"), udp4[1].Address);
        Assert.All(udp4, s => Assert.Equal(ListenerProtocol.Udp, s.Protocol));
        Assert.Equal(9, udp6.ProcessId);
    }

    [Fact]
    public void An_empty_table_is_no_sockets() => Assert.Empty(IpHelperTables.ParseUdp6(Dword(0), 4));

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(27)]
    public void Truncated_tables_are_a_clean_error(int cut)
    {
        var table = Table(Row(new byte[] { 127, 0, 0, 1 }, PortDword(80), Dword(1)), Row(new byte[] { 127, 0, 0, 1 }, PortDword(81), Dword(1)));
        var length = cut == 0 ? table.Length - 1 : cut;

        var e = Assert.Throws<LoopbackToolsException>(() => IpHelperTables.ParseUdp4(table, length));
        Assert.Equal("Listeners.MalformedTable", e.ErrorId);
    }

    [Fact]
    public void A_huge_entry_count_is_a_clean_error_not_an_allocation()
    {
        var table = Dword(uint.MaxValue).Concat(new byte[56]).ToArray();
        Assert.Equal("Listeners.MalformedTable", Assert.Throws<LoopbackToolsException>(() => IpHelperTables.ParseTcp6(table, table.Length)).ErrorId);
    }

    [Fact]
    public void Random_garbage_parses_or_fails_cleanly()
    {
        var random = new Random(42);
        Func<byte[], int, List<ListenerSocket>>[] parsers = { IpHelperTables.ParseTcp4, IpHelperTables.ParseTcp6, IpHelperTables.ParseUdp4, IpHelperTables.ParseUdp6 };
        for (var i = 0; i < 4000; i++)
        {
            var garbage = new byte[random.Next(0, 300)];
            random.NextBytes(garbage);
            if (garbage.Length >= 4 && i % 2 == 0)
            {
                Dword((uint)random.Next(0, 12)).CopyTo(garbage, 0);
            }

            try
            {
                parsers[i % 4](garbage, garbage.Length);
            }
            catch (LoopbackToolsException e)
            {
                Assert.Equal("Listeners.MalformedTable", e.ErrorId);
            }
        }
    }

    private static byte[] Table(params byte[][] rows) => Dword((uint)rows.Length).Concat(rows.SelectMany(r => r)).ToArray();

    private static byte[] Row(params byte[][] fields) => fields.SelectMany(f => f).ToArray();

    private static byte[] Dword(uint value) => BitConverter.GetBytes(value);

    /// <summary>A port as Windows stores it: network byte order in the low 16 bits of a DWORD.</summary>
    private static byte[] PortDword(int port) => new byte[] { (byte)(port >> 8), (byte)port, 0, 0 };
}
