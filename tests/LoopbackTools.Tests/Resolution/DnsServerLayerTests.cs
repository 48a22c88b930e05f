using System.Net;
using LoopbackTools.Dns;
using LoopbackTools.Resolution;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Dns;

namespace LoopbackTools.Tests.Resolution;

/// <summary>The DNS-server layer against real servers on loopback, judged against RFC 6761 6.3.</summary>
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
        Assert.Contains("did not answer for localhost: no answer within 0.3 s (A and AAAA)", result.Finding, StringComparison.Ordinal);
        Assert.Equal(2, server.Queries);
    }

    [Fact]
    public async Task Spoofed_datagrams_are_ignored_and_reported()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[]
        {
            DnsTestMessage.WithId(DnsTestMessage.AnswerTo(q, IPAddress.Parse("203.0.113.66")), (ushort)(DnsTestMessage.IdOf(q) ^ 0xFFFF)),
            DnsTestMessage.Reply(q, 3),
        });
        var result = await Ask(server.EndPoint);
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Empty(result.Addresses);
        Assert.Contains("2 datagram(s) with a wrong query ID were ignored", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_answer_fails_with_the_validation_reason()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[] { DnsTestMessage.WithId(DnsTestMessage.Header(0, 0x8180, 1, 0).Pointer(12).U16(1).U16(1).ToArray(), DnsTestMessage.IdOf(q)) });
        var result = await Ask(server.EndPoint, timeoutMs: 1000);
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Equal("Malformed", result.ResponseCode);
        Assert.Contains("fails validation", result.Finding, StringComparison.Ordinal);
        Assert.Contains("points forward or to itself", result.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare")]
    public async Task System_servers_come_from_the_given_resolv_conf()
    {
        // Root only, i.e. in the sealed run, where nothing listens on 127.0.0.1:53.
        var folder = Directory.CreateTempSubdirectory("lbt-resolv-").FullName;
        try
        {
            var resolv = Path.Combine(folder, "resolv.conf");
            File.WriteAllText(resolv, "nameserver 127.0.0.1\n");
            var options = new LocalhostResolutionOptions { ResolvConfPath = resolv };
            options.Layers.Add(ResolutionLayer.DnsServer);
            var result = Assert.Single((await new LocalhostResolutionCheck().CheckAsync("localhost", options, null, CancellationToken.None)).Results);
            Assert.Equal("127.0.0.1:53", result.Server);
            Assert.Equal(ResolutionStatus.Fail, result.Status);

            File.WriteAllText(resolv, "search test\n");
            var none = Assert.Single((await new LocalhostResolutionCheck().CheckAsync("localhost", options, null, CancellationToken.None)).Results);
            Assert.Equal(ResolutionStatus.Error, none.Status);
            Assert.Contains("no DNS server is configured", none.Finding, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

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
