using System.Net;
using LoopbackTools.Dns;
using LoopbackTools.Resolution;
using LoopbackTools.Tests.Components;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoopbackTools.Tests.Resolution;

/// <summary>The DNS-server layer (DnsClient underneath) against real servers on loopback, judged against RFC 6761 6.3.</summary>
public sealed class DnsServerLayerTests : IClassFixture<DnsmasqFixture>
{
    private static readonly string[] Good = { "--local=/test/", "--host-record=good.test,127.0.0.1,::1" };
    private readonly DnsmasqFixture _dns;

    public DnsServerLayerTests(DnsmasqFixture dns) => _dns = dns;

    private static async Task<LocalhostResolutionResult> Ask(IPEndPoint server, string name = "localhost", bool tcp = false, int timeoutMs = 2000)
    {
        var options = new LocalhostResolutionOptions { UseTcp = tcp, Timeout = TimeSpan.FromMilliseconds(timeoutMs) };
        options.Layers.Add(ResolutionLayer.DnsServer);
        options.DnsServers.Add(server);
        var report = await new LocalhostResolutionCheck().CheckAsync(name, options, null, CancellationToken.None);
        return Assert.Single(report.Results);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Server_answering_localhost_with_real_addresses_fails_citing_rfc_6761()
    {
        var result = await Ask(_dns.Server.EndPoint);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Equal(_dns.Server.Address, result.Server);
        Assert.Equal(new[] { "203.0.113.7", "2001:db8::7" }, result.Addresses);
        Assert.False(result.AllLoopback);
        Assert.Equal("NoError", result.ResponseCode);
        Assert.Equal($"DNS server {_dns.Server.Address} answers localhost with 203.0.113.7, 2001:db8::7: a DNS server must not answer for localhost with a non-loopback address (RFC 6761 6.3) - remove that record from the server", result.Finding);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Same_verdict_over_tcp()
    {
        var result = await Ask(_dns.Server.EndPoint, tcp: true);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Equal(2, result.Addresses.Length);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Nxdomain_for_localhost_passes()
    {
        using var server = new DnsmasqServer(Good.Append("--local=/localhost/"));
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Equal("NXDomain", result.ResponseCode);
        Assert.Contains("answers NXDOMAIN for localhost", result.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Refused_for_localhost_passes()
    {
        // No record and no --local for localhost, nothing to forward to: dnsmasq refuses.
        using var server = new DnsmasqServer(Good);
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Equal("Refused", result.ResponseCode);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Loopback_answers_for_localhost_pass()
    {
        using var server = new DnsmasqServer(Good.Append("--host-record=localhost,127.0.0.1,::1"));
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.True(result.AllLoopback);
        Assert.Equal("127.0.0.1", result.FirstAddress);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Localhost_answer_too_large_for_udp_is_read_over_tcp_and_judged()
    {
        var records = Enumerable.Range(1, 40).Select(i => $"--host-record=localhost,127.0.0.{i}");
        using var server = new DnsmasqServer(Good.Concat(records));
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Equal(40, result.Addresses.Length);
        Assert.EndsWith("(the UDP answer was truncated and read again over TCP)", result.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Sub_localhost_and_other_names()
    {
        var sub = await Ask(_dns.Server.EndPoint, "foo.localhost");
        Assert.Equal(ResolutionStatus.Pass, sub.Status);
        Assert.Equal("NXDomain", sub.ResponseCode);

        var good = await Ask(_dns.Server.EndPoint, "good.test");
        Assert.Equal(ResolutionStatus.Pass, good.Status);
        Assert.True(good.AllLoopback);

        var missing = await Ask(_dns.Server.EndPoint, "nothing-here.test");
        Assert.Equal(ResolutionStatus.Warn, missing.Status);
        Assert.Contains("only the hosts file can resolve it", missing.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_from_a_scripted_server_passes_for_localhost_and_fails_for_other_names()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[] { DnsTestMessage.Reply(q, 5) });
        Assert.Equal(ResolutionStatus.Pass, (await Ask(server.EndPoint)).Status);
        var other = await Ask(server.EndPoint, "build.test");
        Assert.Equal(ResolutionStatus.Fail, other.Status);
        Assert.Contains("answers REFUSED", other.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Servfail_for_localhost_warns()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[] { DnsTestMessage.Reply(q, 2) });
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Warn, result.Status);
        Assert.Contains("tried to resolve localhost upstream", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Silent_server_fails_within_the_timeout_without_an_exception()
    {
        using var server = ScriptedDnsServer.Silent(IPAddress.Loopback);
        var result = await Ask(server.EndPoint, timeoutMs: 300);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Equal("TimedOut", result.ResponseCode);
        Assert.Contains("did not answer for localhost: no answer within 0.3 s in 2 tries (A and AAAA)", result.Finding, StringComparison.Ordinal);
        Eventually.True(() => server.Queries == 4, TimeSpan.FromSeconds(5), "one retry per question");
    }

    [Fact]
    public async Task Answers_with_a_wrong_query_id_are_never_taken()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[]
        {
            DnsTestMessage.WithId(DnsTestMessage.AnswerTo(q, IPAddress.Parse(q[^3] == 28 ? "2001:db8::66" : "203.0.113.66")), (ushort)(DnsTestMessage.IdOf(q) ^ 0xFFFF)),
        });
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Empty(result.Addresses);
        Assert.Equal("Malformed", result.ResponseCode);
        Assert.Contains("every response carried a wrong query ID (2 tries)", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_udp_answer_from_an_ipv6_server_is_read_over_tcp()
    {
        using var server = new ScriptedDnsServer(
            IPAddress.IPv6Loopback,
            q => new[] { DnsTestMessage.Reply(q, 0, truncated: true) },
            q => DnsTestMessage.AnswerTo(q, q[^3] == 28 ? IPAddress.IPv6Loopback : IPAddress.Loopback));
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Equal($"[::1]:{server.EndPoint.Port}", result.Server);
        Assert.Equal(new[] { "127.0.0.1", "::1" }, result.Addresses);
        Assert.EndsWith("(the UDP answer was truncated and read again over TCP)", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Tcp_only_to_a_closed_port_is_unreachable_not_a_timeout()
    {
        var closed = new IPEndPoint(IPAddress.Loopback, FreePort.TcpAndUdp());
        var result = await Ask(closed, tcp: true, timeoutMs: 10000);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Equal("Unreachable", result.ResponseCode);
        Assert.Contains("connection refused", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_answer_fails_with_the_reason()
    {
        // A question whose name is a compression pointer to itself; DnsClient reads a short bad UDP answer as
        // truncated and asks over TCP, where the same bytes fail for good.
        static byte[] Broken(byte[] q) => DnsTestMessage.WithId(DnsTestMessage.Header(0, 0x8180, 1, 0).Pointer(12).U16(1).U16(1).ToArray(), DnsTestMessage.IdOf(q));
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[] { Broken(q) }, Broken);
        var result = await Ask(server.EndPoint, timeoutMs: 1000);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Equal("Malformed", result.ResponseCode);
        Assert.Contains("sent no response that could be accepted", result.Finding, StringComparison.Ordinal);
        Assert.Empty(result.Addresses);
    }

    [RequiresFact("unshare")]
    public void System_servers_are_the_nameserver_lines_dnsclient_finds_in_resolv_conf()
    {
        const string resolv = "# generated\nsearch example.test\nnameserver 127.0.0.53\nnameserver\t::1\noptions edns0\nnameserver 127.0.0.53\nnameserver fec0:0:0:ffff::1\nnameserver bogus\n";
        var servers = JsonSerializer.Deserialize<string[]>(ResolutionProbeProcess.RunWithResolvConf(LocalhostHosts, resolv, "servers"));
        Assert.Equal(new[] { "127.0.0.53:53", "[::1]:53" }, servers);
    }

    [RequiresFact("unshare", "nft")]
    public void Without_a_configured_server_no_query_is_sent_and_the_result_says_so()
    {
        // Own network namespace with a default route: a public-resolver fallback would be sent, and counted.
        var (output, packets) = ResolutionProbeProcess.RunCountingDnsPackets(LocalhostHosts, "search test\n", "check", "--layer", "DnsServer", "--timeout-ms", "300");
        var result = Assert.Single(Assert.Single(Reports(output)).Results);
        Assert.Equal(ResolutionStatus.Error, result.Status);
        Assert.Equal(string.Empty, result.Server);
        Assert.Contains("no DNS server is configured", result.Finding, StringComparison.Ordinal);
        Assert.Equal(0, packets);

        // The control: the same namespace with one nameserver line, where nothing listens on port 53.
        var (asked, counted) = ResolutionProbeProcess.RunCountingDnsPackets(LocalhostHosts, "nameserver 127.0.0.1\n", "check", "--layer", "DnsServer", "--timeout-ms", "300");
        var control = Assert.Single(Assert.Single(Reports(asked)).Results);
        Assert.Equal("127.0.0.1:53", control.Server);
        Assert.Equal(ResolutionStatus.Fail, control.Status);
        Assert.True(counted >= 2, $"the counter saw {counted} packets to port 53");
    }

    private const string LocalhostHosts = "127.0.0.1 localhost\n::1 localhost\n";

    private static ResolutionProbeProcess.ProbeReport[] Reports(string json) =>
        JsonSerializer.Deserialize<ResolutionProbeProcess.ProbeReport[]>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } })!;

    [Fact]
    public async Task Bad_names_are_refused_before_any_lookup_and_cancellation_propagates()
    {
        var options = new LocalhostResolutionOptions();
        var bad = await Assert.ThrowsAsync<LoopbackTools.Diagnostics.LoopbackToolsException>(() => new LocalhostResolutionCheck().CheckAsync("a..b", options, null, CancellationToken.None));
        Assert.Equal("Dns.InvalidName", bad.ErrorId);

        using var server = ScriptedDnsServer.Silent(IPAddress.Loopback);
        using var cancel = new CancellationTokenSource();
        options.Layers.Add(ResolutionLayer.DnsServer);
        options.DnsServers.Add(server.EndPoint);
        options.Timeout = TimeSpan.FromMinutes(5);
        var check = new LocalhostResolutionCheck().CheckAsync("localhost", options, null, cancel.Token);
        Eventually.True(() => server.Queries == 2, TimeSpan.FromSeconds(10), "both queries received");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => check);
    }
}
