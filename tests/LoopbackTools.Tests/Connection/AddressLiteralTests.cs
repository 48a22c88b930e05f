using System.Net;
using LoopbackTools.Addressing;
using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Resolution;

namespace LoopbackTools.Tests.Connection;

/// <summary>
/// IP literals as -Name (issue 31, docs/decisions.md 107): used as is (no hosts file, no DNS), judged for that very
/// address, written [v6]:port, and never connected to outside loopback.
/// </summary>
public sealed class AddressLiteralTests
{
    [Theory]
    [InlineData("192.0.2.1", "192.0.2.1")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData(" [::1] ", "::1")]
    [InlineData("127.0.0.2", "127.0.0.2")]
    public void A_literal_is_parsed_with_its_brackets_stripped(string name, string address)
    {
        Assert.Equal(IPAddress.Parse(address), NameLiteral.Parse(name));
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("app.localhost")]
    [InlineData("127.1")] // inet_aton's short form: a name to the OS resolver, as it was
    public void A_host_name_is_not_a_literal(string name)
    {
        Assert.Null(NameLiteral.Parse(name));
    }

    [Theory]
    [InlineData("fe80::1%lo", "%lo")]
    [InlineData("[fe80::1%lo]", "%lo")]
    [InlineData("::1%1", "%1")]
    public void An_IPv6_zone_is_refused_with_the_reason(string name, string zone)
    {
        var e = Assert.Throws<LoopbackToolsException>(() => NameLiteral.Parse(name));

        Assert.Equal(("Dns.ZonedAddress", ErrorKind.InvalidArgument), (e.ErrorId, e.Kind));
        Assert.Contains($"zone index ({zone})", e.Message, StringComparison.Ordinal);
        Assert.Contains("::1 or 127.0.0.1", e.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public void Brackets_around_anything_but_an_IPv6_address_are_Dns_InvalidName()
    {
        Assert.Equal("Dns.InvalidName", Assert.Throws<LoopbackToolsException>(() => NameLiteral.Parse("[127.0.0.1]")).ErrorId);
        Assert.Equal("Dns.InvalidName", Assert.Throws<LoopbackToolsException>(() => NameLiteral.Parse("[localhost]")).ErrorId);
    }

    [Theory]
    [InlineData("::1", 3000, "[::1]:3000")]
    [InlineData("[::1]", 3000, "[::1]:3000")]
    [InlineData("127.0.0.1", 80, "127.0.0.1:80")]
    [InlineData("localhost", 8080, "localhost:8080")]
    public void Every_endpoint_is_written_with_IPv6_in_brackets(string host, int port, string expected)
    {
        Assert.Equal(expected, EndpointText.Of(host, port));
        if (IPAddress.TryParse(host.Trim('[', ']'), out var address))
        {
            Assert.Equal(expected, EndpointText.Of(address, port));
        }
    }

    [RequiresFact("unshare")]
    public void A_bracketed_IPv6_literal_is_judged_for_that_address_without_a_first_address_trap()
    {
        var (server, port) = Listen();
        using var stop = new Stopping(server);

        var report = ConnectionProbe.Run(ConnectionProbe.BothFamilies, port, "--name", "[::1]", "--timeout-ms", "1000");

        Assert.All(report.Steps, s => Assert.Equal("[::1]", s.Name));
        Assert.Equal(ConnectionStatus.Skipped, report[ConnectionStep.HostsFile].Status);
        Assert.Contains("address literal", report[ConnectionStep.HostsFile].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Skipped, report[ConnectionStep.Resolution].Status);
        var connect = report[ConnectionStep.Connect];
        Assert.Equal(ConnectionStatus.Fail, connect.Status);
        Assert.DoesNotContain("first-address trap", connect.Finding, StringComparison.Ordinal);
        Assert.DoesNotContain("resolves to", connect.Finding, StringComparison.Ordinal);
        Assert.True(connect.Finding.StartsWith($"[::1]:{port} refuses, but 127.0.0.1 accepts port {port} - connect to 127.0.0.1:{port}", StringComparison.Ordinal), report.ToString());
        Assert.Contains($"not to [::1]: a connection to [::1]:{port} never reaches it", report[ConnectionStep.Bind].Finding, StringComparison.Ordinal);
        Assert.DoesNotContain("::1:" + port, string.Join(" ", report.Steps.Select(s => s.Finding.Replace("[::1]:" + port, string.Empty, StringComparison.Ordinal))), StringComparison.Ordinal);
    }

    [RequiresFact("unshare")]
    public void A_loopback_literal_that_accepts_passes_connect()
    {
        var (server, port) = Listen();
        using var stop = new Stopping(server);

        var report = ConnectionProbe.Run(ConnectionProbe.BothFamilies, port, "--name", "127.0.0.1", "--timeout-ms", "1000");

        Assert.Equal((ConnectionStatus.Pass, $"127.0.0.1:{port} accepts"), (report[ConnectionStep.Connect].Status, report[ConnectionStep.Connect].Finding));
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Bind].Status);
    }

    [RequiresFact("unshare", "nft", "ip")]
    public void A_non_loopback_literal_is_never_connected_to_and_the_connect_step_says_so()
    {
        // The probe's namespace routes everything out of lo, so a connection to 192.0.2.1 would leave as a counted packet.
        var (output, packets) = ResolutionProbeProcess.RunCountingPackets(ConnectionProbe.BothFamilies, "nameserver 127.0.0.1\n", new[] { "ip daddr 192.0.2.1" },
            "connection", "--port", "18081", "--name", "192.0.2.1", "--engine", ConnectionProbe.NoEngine, "--timeout-ms", "500");

        var report = ConnectionProbe.Parse(output);
        Assert.Equal(0, packets);
        Assert.Equal(ConnectionStatus.Skipped, report[ConnectionStep.Connect].Status);
        Assert.StartsWith("192.0.2.1 is not a loopback address: this checklist tests this machine's loopback", report[ConnectionStep.Connect].Finding, StringComparison.Ordinal);
        Assert.DoesNotContain(report[ConnectionStep.Connect].Evidence, e => e.StartsWith("192.0.2.1", StringComparison.Ordinal));
        Assert.DoesNotContain(report.Steps, s => s.Finding.Contains("bound to loopback only", StringComparison.Ordinal));
        Assert.Equal(ConnectionStatus.Skipped, report[ConnectionStep.Resolution].Status);
    }

    [RequiresFact("unshare", "nft", "ip")]
    public void Test_LocalhostResolution_asks_no_DNS_server_for_a_literal()
    {
        var (output, packets) = ResolutionProbeProcess.RunCountingDnsPackets("127.0.0.1 localhost\n", "nameserver 127.0.0.1\n", "check", "--name", "[::1]", "--timeout-ms", "300");

        Assert.Equal(0, packets);
        Assert.DoesNotContain("\"DnsServer\"", output, StringComparison.Ordinal);
        Assert.Contains("[::1] is an address literal", output, StringComparison.Ordinal);
    }

    /// <summary>A real listener on 127.0.0.1 only, in the seal's network namespace (the probe shares it).</summary>
    private static (System.Net.Sockets.TcpListener Server, int Port) Listen()
    {
        var server = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        server.Start();
        return (server, ((IPEndPoint)server.LocalEndpoint).Port);
    }

    private sealed class Stopping(System.Net.Sockets.TcpListener server) : IDisposable
    {
        public void Dispose() => server.Stop();
    }
}
