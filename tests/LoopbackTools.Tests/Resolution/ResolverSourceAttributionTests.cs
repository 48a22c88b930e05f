using LoopbackTools.Resolution;
using LoopbackTools.Resolution.Sources;

namespace LoopbackTools.Tests.Resolution;

/// <summary>The walk of the chain as glibc walks it, on configurations written out (the seal tests run real ones).</summary>
public sealed class ResolverSourceAttributionTests
{
    private static ResolverConfiguration Linux(string hosts, string[]? servers = null, bool resolved = false, params string[] modules) =>
        ResolverConfiguration.ForLinux("hosts: " + hosts + "\n", servers ?? new[] { "127.0.0.1" }, modules, resolved, "box");

    [Theory]
    [InlineData("files myhostname dns", "localhost", true, "files")]
    [InlineData("files myhostname dns", "localhost", false, "myhostname")]
    [InlineData("files myhostname dns", "app.localhost", false, "myhostname")]
    [InlineData("files myhostname dns", "BOX", false, "myhostname")]
    [InlineData("files myhostname dns", "_gateway", false, "myhostname")]
    [InlineData("files myhostname dns", "example.test", false, "dns")]
    [InlineData("files dns", "localhost", false, "dns")]
    public void The_first_module_that_can_answer_is_the_source(string chain, string name, bool inHostsFile, string source)
    {
        var found = ResolverSourceAttribution.Attribute(Linux(chain, modules: "myhostname"), name, answered: true, inHostsFile);
        Assert.Equal(source, found.Source);
        Assert.Equal(chain.Split(' '), found.Chain);
    }

    [Fact]
    public void Trailing_dot_skips_files_even_when_the_hosts_file_names_it()
    {
        Assert.Equal("myhostname", ResolverSourceAttribution.Attribute(Linux("files myhostname dns", modules: "myhostname"), "localhost.", true, true).Source);
    }

    [Fact]
    public void Resolve_answers_while_systemd_resolved_runs_and_is_unavail_otherwise()
    {
        const string chain = "files myhostname resolve [!UNAVAIL=return] dns";
        var running = ResolverSourceAttribution.Attribute(Linux(chain, resolved: true, modules: new[] { "myhostname", "resolve" }), "example.test", true, false);
        Assert.Equal("resolve", running.Source);
        Assert.Contains("from systemd-resolved (hosts: files myhostname resolve [!UNAVAIL=return] dns)", running.Phrase, StringComparison.Ordinal);

        var stopped = ResolverSourceAttribution.Attribute(Linux(chain, resolved: false, modules: new[] { "myhostname", "resolve" }), "example.test", true, false);
        Assert.Equal("dns", stopped.Source);
        Assert.Contains("from DNS at 127.0.0.1 (hosts:", stopped.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void A_module_that_is_not_installed_is_unavail_and_skipped()
    {
        Assert.Equal("dns", ResolverSourceAttribution.Attribute(Linux("files myhostname dns"), "localhost", true, false).Source);
    }

    [Fact]
    public void Dns_to_the_resolved_stub_is_named_as_such()
    {
        var found = ResolverSourceAttribution.Attribute(Linux("files dns", new[] { "127.0.0.53" }), "example.test", true, false);
        Assert.Equal("systemd-resolved stub", found.Source);
        Assert.Equal(" from the systemd-resolved stub at 127.0.0.53 (hosts: files dns)", found.Phrase);
    }

    [Fact]
    public void Mdns_minimal_answers_only_local_names_and_its_notfound_return_does_not_stop_others()
    {
        const string chain = "files mdns4_minimal [NOTFOUND=return] dns";
        Assert.Equal("mdns4_minimal", ResolverSourceAttribution.Attribute(Linux(chain, modules: "mdns4_minimal"), "printer.local", true, false).Source);
        Assert.Equal("dns", ResolverSourceAttribution.Attribute(Linux(chain, modules: "mdns4_minimal"), "example.test", true, false).Source);
    }

    [Fact]
    public void An_answer_the_chain_cannot_explain_has_no_source()
    {
        var found = ResolverSourceAttribution.Attribute(Linux("files [NOTFOUND=return] dns"), "example.test", true, false);
        Assert.Equal(string.Empty, found.Source);
        Assert.Contains("cannot be named", found.Phrase, StringComparison.Ordinal);
    }

    [Fact]
    public void No_answer_names_the_chain_asked()
    {
        var found = ResolverSourceAttribution.Attribute(ResolverConfiguration.ForLinux(string.Empty, Array.Empty<string>(), Array.Empty<string>(), false, "box"), "example.test", false, false);
        Assert.Equal(string.Empty, found.Source);
        Assert.Equal(" after asking hosts: dns [!UNAVAIL=return] files, glibc's default: nsswitch.conf has no hosts line", found.Phrase);
    }

    [Theory]
    [InlineData("localhost", false, "Windows resolver")]
    [InlineData("PC01", false, "Windows resolver")]
    [InlineData("app.test", true, "hosts file")]
    [InlineData("example.test", false, "DNS")]
    public void Windows_documented_order(string name, bool inHostsFile, string source)
    {
        var windows = new ResolverConfiguration(ResolverPlatform.Windows, Array.Empty<NssSource>(), false, new[] { "192.0.2.1" }, Array.Empty<string>(), false, "pc01");
        var found = ResolverSourceAttribution.Attribute(windows, name, true, inHostsFile);
        Assert.Equal(source, found.Source);
        Assert.Equal(new[] { "local names (localhost, this machine's name)", "hosts file", "DNS", "LLMNR", "NetBIOS" }, found.Chain);
    }

    [Theory]
    [InlineData("localhost", true, "hosts file")]
    [InlineData("printer.local", false, "mDNS")]
    [InlineData("example.test", false, "DNS")]
    public void MacOS_documented_order(string name, bool inHostsFile, string source)
    {
        var mac = new ResolverConfiguration(ResolverPlatform.MacOS, Array.Empty<NssSource>(), false, new[] { "192.0.2.1" }, Array.Empty<string>(), false, "mac");
        Assert.Equal(source, ResolverSourceAttribution.Attribute(mac, name, true, inHostsFile).Source);
    }

    [Fact]
    public void The_os_row_carries_source_and_chain_and_the_finding_names_the_source()
    {
        var source = ResolverSourceAttribution.Attribute(Linux("files myhostname dns", modules: "myhostname"), "localhost", true, false);
        var row = OsResolverLayer.Judge("localhost", new[] { System.Net.IPAddress.IPv6Loopback, System.Net.IPAddress.Loopback }, string.Empty, source);
        Assert.Equal("myhostname", row.Source);
        Assert.Equal(new[] { "files", "myhostname", "dns" }, row.Chain);
        Assert.StartsWith("the OS resolver returns ::1, 127.0.0.1 for localhost from nss-myhostname (hosts: files myhostname dns), which answers", row.Finding, StringComparison.Ordinal);

        var unnamed = OsResolverLayer.Judge("localhost", new[] { System.Net.IPAddress.Loopback }, string.Empty);
        Assert.Equal(string.Empty, unnamed.Source);
        Assert.Empty(unnamed.Chain);
    }
}
