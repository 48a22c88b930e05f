using System.Net;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Components;

public sealed class DnsmasqSmokeTests : IClassFixture<DnsmasqFixture>, IDisposable
{
    private readonly DnsmasqFixture _dns;
    private readonly ITestOutputHelper _output;

    public DnsmasqSmokeTests(DnsmasqFixture dns, ITestOutputHelper output)
    {
        _dns = dns;
        _output = output;
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public void Dnsmasq_answers_its_records_over_udp_on_loopback()
    {
        var good = RawDnsQuery.Udp(_dns.Server.EndPoint, "good.test", RawDnsQuery.TypeA);
        Assert.Equal(0, good.Rcode);
        Assert.Equal(new[] { IPAddress.Loopback }, good.Addresses);

        var wrong = RawDnsQuery.Udp(_dns.Server.EndPoint, "localhost", RawDnsQuery.TypeAaaa);
        Assert.Equal(new[] { IPAddress.Parse("2001:db8::7") }, wrong.Addresses);
    }

    [RequiresFact("dnsmasq", NeedsRoot = false)]
    public void Dnsmasq_answers_nxdomain_for_unknown_local_names()
    {
        var missing = RawDnsQuery.Udp(_dns.Server.EndPoint, "nothing-here.test", RawDnsQuery.TypeA);
        Assert.Equal(3, missing.Rcode);
        Assert.Empty(missing.Addresses);
    }

    // Shown by the runner only for failed tests: the server's own log.
    public void Dispose() => _output.WriteLine("dnsmasq log:\n" + (_dns is null ? string.Empty : SafeLog()));

    private string SafeLog()
    {
        try
        {
            return _dns.Server.Log;
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }
}
