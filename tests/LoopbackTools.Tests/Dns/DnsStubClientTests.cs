using System.Net;
using LoopbackTools.Dns;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Dns;

/// <summary>The stub client against real servers on loopback: dnsmasq, and scripted sockets for misbehaviour.</summary>
public sealed class DnsStubClientTests : IClassFixture<DnsmasqFixture>
{
    // Short only where a time-out is the outcome under test. A test that expects an answer waits long: on a loaded
    // machine (the sealed run starts many tests at once) 500 ms passed before a scripted server's reply was read.
    private static readonly DnsQueryOptions Short = new() { Timeout = TimeSpan.FromMilliseconds(500) };
    private static readonly DnsQueryOptions Ample = new() { Timeout = TimeSpan.FromSeconds(30) };
    private readonly DnsmasqFixture _dns;
    private readonly DnsStubClient _client = new();

    public DnsStubClientTests(DnsmasqFixture dns) => _dns = dns;

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Reads_a_and_aaaa_from_dnsmasq_over_udp_and_tcp()
    {
        var a = await _client.QueryAsync(_dns.Server.EndPoint, "localhost", DnsRecordType.A, new DnsQueryOptions(), CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Answered, a.Outcome);
        Assert.Equal(DnsResponseCode.NoError, a.Rcode);
        Assert.Equal(new[] { IPAddress.Parse("203.0.113.7") }, a.Addresses);
        Assert.False(a.UsedTcp);

        var aaaa = await _client.QueryAsync(_dns.Server.EndPoint, "LOCALHOST.", DnsRecordType.Aaaa, new DnsQueryOptions { UseTcp = true }, CancellationToken.None);
        Assert.Equal(new[] { IPAddress.Parse("2001:db8::7") }, aaaa.Addresses);
        Assert.True(aaaa.UsedTcp);
        Assert.False(aaaa.Truncated);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Nxdomain_is_an_answer_with_no_addresses()
    {
        var result = await _client.QueryAsync(_dns.Server.EndPoint, "nothing-here.test", DnsRecordType.A, new DnsQueryOptions(), CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Answered, result.Outcome);
        Assert.Equal(DnsResponseCode.NXDomain, result.Rcode);
        Assert.Empty(result.Addresses);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public async Task Answer_too_large_for_udp_is_truncated_then_fetched_over_tcp()
    {
        // 40 AAAA records (28 bytes each) cannot fit the 512 bytes a query without EDNS allows.
        var records = Enumerable.Range(1, 40).Select(i => $"--host-record=big.test,2001:db8::{i:x}").Append("--local=/test/");
        using var server = new DnsmasqServer(records.Append("--host-record=good.test,127.0.0.1"));
        var result = await _client.QueryAsync(server.EndPoint, "big.test", DnsRecordType.Aaaa, new DnsQueryOptions(), CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Answered, result.Outcome);
        Assert.True(result.Truncated);
        Assert.True(result.UsedTcp);
        Assert.Equal(40, result.Addresses.Length);
        Assert.Contains(IPAddress.Parse("2001:db8::28"), result.Addresses);
    }

    [Fact]
    public async Task Refused_is_an_answer_with_its_rcode()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[] { DnsTestMessage.Reply(q, 5) });
        var result = await _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.A, Ample, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Answered, result.Outcome);
        Assert.Equal(DnsResponseCode.Refused, result.Rcode);
    }

    [Fact]
    public async Task Datagram_with_a_wrong_id_is_ignored_and_counted_and_the_right_one_is_taken()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[]
        {
            DnsTestMessage.WithId(DnsTestMessage.AnswerTo(q, IPAddress.Parse("203.0.113.66")), (ushort)(DnsTestMessage.IdOf(q) ^ 0x5555)),
            DnsTestMessage.AnswerTo(q, IPAddress.Loopback),
        });
        var result = await _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.A, Ample, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Answered, result.Outcome);
        Assert.Equal(new[] { IPAddress.Loopback }, result.Addresses);
        Assert.Equal(1, result.IgnoredResponses);
    }

    [Fact]
    public async Task Only_wrong_ids_end_in_a_timeout_never_in_a_spoofed_answer()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[]
        {
            DnsTestMessage.WithId(DnsTestMessage.AnswerTo(q, IPAddress.Parse("203.0.113.66")), (ushort)(DnsTestMessage.IdOf(q) + 1)),
        });
        var result = await _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.A, Short, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.TimedOut, result.Outcome);
        Assert.Empty(result.Addresses);
        Assert.Equal(1, result.IgnoredResponses);
    }

    [Fact]
    public async Task Silent_server_times_out_with_a_reason()
    {
        using var server = ScriptedDnsServer.Silent(IPAddress.Loopback);
        var result = await _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.A, Short, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Rcode);
        Assert.Contains("no answer within 0.5 s", result.Reason, StringComparison.Ordinal);
        Assert.Equal(1, server.Queries);
    }

    [Fact]
    public async Task Cancellation_ends_a_query_to_a_silent_server()
    {
        using var server = ScriptedDnsServer.Silent(IPAddress.Loopback);
        using var cancel = new CancellationTokenSource();
        var query = _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.A, new DnsQueryOptions { Timeout = TimeSpan.FromMinutes(5) }, cancel.Token);
        Eventually.True(() => server.Queries == 1, TimeSpan.FromSeconds(10), "query received");
        cancel.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => query);
    }

    [Fact]
    public async Task Malformed_answer_with_the_right_id_is_rejected_with_the_reason()
    {
        using var server = new ScriptedDnsServer(IPAddress.Loopback, q => new[] { q[..2].Concat(new byte[] { 0x81, 0x80, 0, 1 }).ToArray() });
        var result = await _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.A, Ample, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Malformed, result.Outcome);
        Assert.Contains("12-byte header", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_port_is_unreachable_not_a_timeout()
    {
        var closed = new IPEndPoint(IPAddress.Loopback, FreePort.TcpAndUdp());
        var result = await _client.QueryAsync(closed, "localhost", DnsRecordType.A, new DnsQueryOptions { Timeout = TimeSpan.FromSeconds(10) }, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Unreachable, result.Outcome);
        Assert.Contains("connection refused", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Truncated_udp_answer_is_retried_over_tcp_on_an_ipv6_server()
    {
        using var server = new ScriptedDnsServer(
            IPAddress.IPv6Loopback,
            q => new[] { DnsTestMessage.Reply(q, 0, truncated: true) },
            q => DnsTestMessage.AnswerTo(q, IPAddress.IPv6Loopback));
        var result = await _client.QueryAsync(server.EndPoint, "localhost", DnsRecordType.Aaaa, Ample, CancellationToken.None);
        Assert.Equal(DnsQueryOutcome.Answered, result.Outcome);
        Assert.True(result.Truncated);
        Assert.True(result.UsedTcp);
        Assert.Equal(new[] { IPAddress.IPv6Loopback }, result.Addresses);
    }
}
