using System.Net;
using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;

namespace LoopbackTools.Tests.Dns;

/// <summary>resolv.conf parsing and the host[:port] server syntax; the machine's own resolv.conf is never read.</summary>
public sealed class DnsConfigurationTests
{
    [Fact]
    public void Resolv_conf_gives_nameservers_in_order_on_port_53()
    {
        const string text = "# generated\nsearch example.test\nnameserver 127.0.0.53\nnameserver\t::1\n; nameserver 192.0.2.1\nnameserver 10.1\nnameserver bogus\noptions edns0\nnameserver 127.0.0.53\nnameserver fe80::1%lo\n";
        var servers = ResolvConf.Parse(text);
        Assert.Equal(3, servers.Count);
        Assert.Equal("127.0.0.53:53", DnsServerAddress.Format(servers[0]));
        Assert.Equal("[::1]:53", DnsServerAddress.Format(servers[1]));
        Assert.Equal(IPAddress.Parse("fe80::1").GetAddressBytes(), servers[2].Address.GetAddressBytes());
    }

    [Theory]
    [InlineData("fec0:0:0:ffff::1", false)]
    [InlineData("fec0:0:0:ffff::2", false)]
    [InlineData("fec0:0:0:ffff::3", false)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("192.0.2.53", true)]
    [InlineData("2001:db8::53", true)]
    public void Windows_placeholder_site_local_servers_are_not_asked(string address, bool asked) =>
        Assert.Equal(asked, SystemNameServers.IsConfiguredServer(IPAddress.Parse(address)));

    [Fact]
    public void Resolv_conf_file_is_read_from_the_given_path()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "nameserver 127.0.0.1\n");
            Assert.Equal(new[] { new IPEndPoint(IPAddress.Loopback, 53) }, ResolvConf.Load(path));
            Assert.Empty(ResolvConf.Load(path + ".missing"));
        }
        finally
        {
            File.Delete(path);
        }
    }

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
