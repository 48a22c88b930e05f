using System.Net;
using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;

namespace LoopbackTools.Tests.Dns;

/// <summary>The host[:port] server syntax and which discovered servers count (what DnsClient finds in resolv.conf: DnsServerLayerTests).</summary>
public sealed class DnsConfigurationTests
{
    [Theory]
    [InlineData("fec0:0:0:ffff::1", false)]
    [InlineData("fec0:0:0:ffff::2", false)]
    [InlineData("fec0:0:0:ffff::3", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("192.0.2.53", true)]
    [InlineData("2001:db8::53", true)]
    [InlineData("0.0.0.0", false)]
    [InlineData("::", false)]
    public void Windows_placeholder_site_local_servers_are_not_asked(string address, bool asked) =>
        Assert.Equal(asked, SystemNameServers.IsConfiguredServer(IPAddress.Parse(address)));

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:53")]
    [InlineData("127.0.0.1:5353", "127.0.0.1:5353")]
    [InlineData("::1", "[::1]:53")]
    [InlineData("[::1]", "[::1]:53")]
    [InlineData("[::1]:5353", "[::1]:5353")]
    [InlineData(" 2001:db8::53 ", "[2001:db8::53]:53")]
    public void Server_addresses_parse_with_optional_ports(string text, string expected) =>
        Assert.Equal(expected, DnsServerAddress.Format(DnsServerAddress.Parse(text)));

    [Theory]
    [InlineData("")]
    [InlineData("dns.example")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:70000")]
    [InlineData("127.0.0.1:")]
    [InlineData("[127.0.0.1]:53")]
    [InlineData("[::1")]
    [InlineData("[::1]x")]
    [InlineData("10.1")]
    public void Bad_server_addresses_give_dns_invalid_server(string text)
    {
        var e = Assert.Throws<LoopbackToolsException>(() => DnsServerAddress.Parse(text));
        Assert.Equal("Dns.InvalidServer", e.ErrorId);
        Assert.Contains("[::1]:5353", e.Remedy, StringComparison.Ordinal);
    }
}
