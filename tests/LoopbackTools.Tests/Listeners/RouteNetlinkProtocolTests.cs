using System.Net;
using System.Text;
using LoopbackTools.Diagnostics;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Tests.Listeners;

public sealed class RouteNetlinkProtocolTests
{
    [Fact]
    public void Parses_links_and_addresses_into_a_loopback_interface()
    {
        var links = NetlinkBytes.LinkDump();
        var addresses = NetlinkBytes.AddressDump();
        var linkRecords = new List<RouteNetlinkProtocol.LinkRecord>();
        var addressRecords = new List<RouteNetlinkProtocol.AddressRecord>();

        Assert.True(RouteNetlinkProtocol.ParseLinks(links, links.Length, linkRecords));
        Assert.True(RouteNetlinkProtocol.ParseAddresses(addresses, addresses.Length, addressRecords));

        Assert.Equal(new[] { "lo", "eth0" }, linkRecords.Select(l => l.Name));
        Assert.Equal(65536, linkRecords[0].Mtu);
        Assert.Equal(-1, linkRecords[1].Mtu);
        var lo = LoopbackInterfaceReader.Create("lo", true, 65536, addressRecords.Select(a => (a.Address, a.PrefixLength)), 4026531840);
        Assert.Equal(new[] { "127.0.0.1/8", "::1/128" }, lo.Addresses);
        Assert.True(lo.HasIPv4Loopback);
        Assert.True(lo.HasIPv6Loopback);
        Assert.Equal(4026531840, lo.NetworkNamespace);
    }

    [Fact]
    public void A_down_loopback_without_addresses_has_neither_loopback()
    {
        var lo = LoopbackInterfaceReader.Create("lo", false, 65536, Array.Empty<(IPAddress, int)>(), null);
        Assert.False(lo.HasIPv4Loopback);
        Assert.False(lo.HasIPv6Loopback);
        Assert.Contains("down", lo.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Requests_are_dumps_of_links_and_addresses()
    {
        var link = RouteNetlinkProtocol.BuildLinkRequest(1);
        var address = RouteNetlinkProtocol.BuildAddressRequest(2);
        Assert.Equal((32, 18, 0x301), (link.Length, (int)BitConverter.ToUInt16(link, 4), (int)BitConverter.ToUInt16(link, 6)));
        Assert.Equal((24, 22, 0x301), (address.Length, (int)BitConverter.ToUInt16(address, 4), (int)BitConverter.ToUInt16(address, 6)));
    }

    [Fact]
    public void Truncated_messages_and_kernel_errors_are_clean_errors()
    {
        var shortLink = NetlinkBytes.Message(16, new byte[8]);
        var shortAddress = NetlinkBytes.Message(20, new byte[4]);
        var error = NetlinkBytes.Error(1);
        Assert.Equal("Listeners.MalformedTable", Assert.Throws<LoopbackToolsException>(() => RouteNetlinkProtocol.ParseLinks(shortLink, shortLink.Length, new())).ErrorId);
        Assert.Equal("Listeners.MalformedTable", Assert.Throws<LoopbackToolsException>(() => RouteNetlinkProtocol.ParseAddresses(shortAddress, shortAddress.Length, new())).ErrorId);
        Assert.Equal("Listeners.SystemCallFailed", Assert.Throws<LoopbackToolsException>(() => RouteNetlinkProtocol.ParseLinks(error, error.Length, new())).ErrorId);
    }
}
