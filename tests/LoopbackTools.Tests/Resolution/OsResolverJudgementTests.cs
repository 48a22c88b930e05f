using System.Net;
using LoopbackTools.Resolution;

namespace LoopbackTools.Tests.Resolution;

/// <summary>The OS-layer rules on given address lists (the lookups themselves are in OsResolverLayerTests).</summary>
public sealed class OsResolverJudgementTests
{
    private static LocalhostResolutionResult Judge(string name, params string[] addresses) =>
        OsResolverLayer.Judge(name, addresses.Select(IPAddress.Parse).ToArray(), string.Empty);

    [Fact]
    public void Both_loopback_families_pass_and_the_order_is_named()
    {
        var result = Judge("localhost", "::1", "127.0.0.1");
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Equal("::1", result.FirstAddress);
        Assert.Contains("IPv6 first", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_loopback_address_for_localhost_fails()
    {
        var result = Judge("localhost", "127.0.0.1", "203.0.113.7");
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Contains("returns 203.0.113.7 for localhost", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Ipv4_mapped_loopback_counts_as_ipv4()
    {
        var result = Judge("localhost", "::ffff:127.0.0.1");
        Assert.True(result.AllLoopback);
        Assert.Equal(ResolutionStatus.Warn, result.Status);
    }

    [Fact]
    public void Unresolvable_names_fail_with_the_reason()
    {
        var result = OsResolverLayer.Judge("app.localhost", null, "Name or service not known (HostNotFound)");
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.Contains("(Name or service not known (HostNotFound))", result.Finding, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.FirstAddress);
    }

    [Fact]
    public void Other_names_pass_with_any_address()
    {
        var result = Judge("build.test", "192.0.2.10");
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.False(result.AllLoopback);
    }
}
