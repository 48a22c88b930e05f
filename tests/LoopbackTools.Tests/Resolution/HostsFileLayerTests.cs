using System.Net;
using LoopbackTools.Resolution;

namespace LoopbackTools.Tests.Resolution;

/// <summary>The hosts-file layer over files the test writes (the machine's own hosts file is never read).</summary>
public sealed class HostsFileLayerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-hosts-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private async Task<LocalhostResolutionResult> Check(string hostsText, string name = "localhost")
    {
        var path = Path.Combine(_folder, "hosts");
        File.WriteAllText(path, hostsText);
        var options = new LocalhostResolutionOptions { HostsFilePath = path };
        options.Layers.Add(ResolutionLayer.HostsFile);
        var report = await new LocalhostResolutionCheck().CheckAsync(name, options, null, CancellationToken.None);
        var result = Assert.Single(report.Results);
        Assert.Equal(path, result.Server);
        return result;
    }

    [Fact]
    public async Task Both_loopback_lines_pass_in_file_order()
    {
        var result = await Check("127.0.0.1\tlocalhost\n::1 ip6-localhost localhost # both\n");
        Assert.Equal(ResolutionStatus.Pass, result.Status);
        Assert.Equal(new[] { "127.0.0.1", "::1" }, result.Addresses);
        Assert.Equal("127.0.0.1", result.FirstAddress);
        Assert.True(result.AllLoopback);
        Assert.EndsWith("maps localhost to 127.0.0.1, ::1 (IPv4 first)", result.Finding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("127.0.0.1 localhost\n# ::1 localhost\n", "has no ::1 localhost line: IPv6 clients fall through to DNS - add '::1 localhost'")]
    [InlineData("::1 localhost\n", "has no 127.0.0.1 localhost line: IPv4 clients fall through to DNS - add '127.0.0.1 localhost'")]
    public async Task A_missing_family_line_warns(string hosts, string finding)
    {
        var result = await Check(hosts);
        Assert.Equal(ResolutionStatus.Warn, result.Status);
        Assert.EndsWith(finding, result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_localhost_line_at_all_warns_that_dns_decides()
    {
        var result = await Check("192.0.2.10 build.test\n");
        Assert.Equal(ResolutionStatus.Warn, result.Status);
        Assert.Empty(result.Addresses);
        Assert.Contains("has no localhost line: resolution of localhost falls through to DNS", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_stock_file_without_localhost_lines_passes_because_its_resolver_answers_localhost()
    {
        var windows = HostsFileLayer.Judge("localhost", @"C:\Windows\System32\drivers\etc\hosts", Array.Empty<HostsMapping>(), resolverAnswersLocalhost: true);
        Assert.Equal(ResolutionStatus.Pass, windows.Status);
        Assert.Contains("the Windows resolver answers localhost itself", windows.Finding, StringComparison.Ordinal);

        // Only the bare name: *.localhost and a localhost mapped off loopback are judged as everywhere else.
        Assert.Equal(ResolutionStatus.Warn, HostsFileLayer.Judge("foo.localhost", "hosts", Array.Empty<HostsMapping>(), resolverAnswersLocalhost: true).Status);
        var offLoopback = new[] { new HostsMapping(IPAddress.Parse("203.0.113.7"), "203.0.113.7", 3) };
        Assert.Equal(ResolutionStatus.Fail, HostsFileLayer.Judge("localhost", "hosts", offLoopback, resolverAnswersLocalhost: true).Status);
        Assert.Equal(ResolutionStatus.Warn, HostsFileLayer.Judge("localhost", "hosts", Array.Empty<HostsMapping>(), resolverAnswersLocalhost: false).Status);
    }

    [Fact]
    public async Task Localhost_mapped_off_loopback_fails_with_the_line_number()
    {
        var result = await Check("127.0.0.1 localhost\n::1 localhost\n2001:db8::7 localhost\n");
        Assert.Equal(ResolutionStatus.Fail, result.Status);
        Assert.False(result.AllLoopback);
        Assert.Contains("maps localhost to 2001:db8::7 (line 3): localhost must resolve to loopback (RFC 6761 6.3)", result.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sub_localhost_names_are_held_to_the_loopback_rule()
    {
        Assert.Equal(ResolutionStatus.Warn, (await Check("127.0.0.1 localhost\n", "foo.localhost")).Status);
        Assert.Equal(ResolutionStatus.Pass, (await Check("127.0.0.1 foo.localhost\n::1 foo.localhost\n", "FOO.localhost.")).Status);
        var off = await Check("198.51.100.4 foo.localhost\n", "foo.localhost");
        Assert.Equal(ResolutionStatus.Fail, off.Status);
        Assert.Contains("RFC 6761", off.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_names_pass_whatever_they_map_to()
    {
        var listed = await Check("192.0.2.10 build.test\n", "build.test");
        Assert.Equal(ResolutionStatus.Pass, listed.Status);
        Assert.False(listed.AllLoopback);
        var absent = await Check("127.0.0.1 localhost\n", "build.test");
        Assert.Equal(ResolutionStatus.Pass, absent.Status);
        Assert.Contains("not in hosts file", absent.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_check_rereads_a_hosts_file_that_changed_between_names()
    {
        var path = Path.Combine(_folder, "hosts");
        var options = new LocalhostResolutionOptions { HostsFilePath = path };
        options.Layers.Add(ResolutionLayer.HostsFile);
        var check = new LocalhostResolutionCheck();

        File.WriteAllText(path, "127.0.0.1 localhost\n");
        Assert.Equal(ResolutionStatus.Warn, (await check.CheckAsync("localhost", options, null, CancellationToken.None)).Results[0].Status);
        File.WriteAllText(path, "127.0.0.1 localhost\n::1 localhost\n");
        Assert.Equal(ResolutionStatus.Pass, (await check.CheckAsync("localhost", options, null, CancellationToken.None)).Results[0].Status);
    }

    [Fact]
    public async Task Missing_hosts_file_is_an_error_result_not_an_exception()
    {
        var options = new LocalhostResolutionOptions { HostsFilePath = Path.Combine(_folder, "absent") };
        options.Layers.Add(ResolutionLayer.HostsFile);
        var result = Assert.Single((await new LocalhostResolutionCheck().CheckAsync("localhost", options, null, CancellationToken.None)).Results);
        Assert.Equal(ResolutionStatus.Error, result.Status);
        Assert.Contains("cannot be read", result.Finding, StringComparison.Ordinal);
    }
}
