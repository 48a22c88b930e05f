using System.Net;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Resolution;

/// <summary>
/// Which source answered, for real: the probe resolves through glibc in a child mount namespace with the test's own
/// nsswitch.conf, hosts file and resolv.conf, loading the real libnss_myhostname.so.2 (apt libnss-myhostname).
/// Nothing listens on 127.0.0.1:53 in the seal, so the dns module finds nothing unless a test starts a server.
/// </summary>
public sealed class OsResolverSourceTests
{
    private const string Resolv = "nameserver 127.0.0.1\n";
    private const string NoLocalhost = "# no localhost line\n127.0.0.1 other.test\n";

    [RequiresNssModuleFact("myhostname")]
    public void Myhostname_answers_localhost_when_the_hosts_file_has_no_line_and_the_row_names_it()
    {
        RequiresNssModuleFactAttribute.Require("myhostname");
        var report = Assert.Single(ResolutionProbeProcess.RunWithNsswitch(NoLocalhost, "hosts: files myhostname dns\n", Resolv, "--layer", "HostsFile", "--layer", "OsResolver"));

        Assert.Equal(ResolutionStatus.Warn, report.Layer(ResolutionLayer.HostsFile).Status);
        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(new[] { "127.0.0.1", "::1" }, os.Addresses.Order(StringComparer.Ordinal));
        Assert.Equal("myhostname", os.Source);
        Assert.Equal(new[] { "files", "myhostname", "dns" }, os.Chain);
        Assert.Equal(ResolutionStatus.Pass, os.Status);
        Assert.Contains("for localhost from nss-myhostname (hosts: files myhostname dns), which answers localhost, *.localhost and this machine's name itself", os.Finding, StringComparison.Ordinal);
    }

    [RequiresNssModuleFact("myhostname")]
    public void Myhostname_answers_sub_localhost_names_and_localhost_with_the_trailing_dot()
    {
        RequiresNssModuleFactAttribute.Require("myhostname");
        var reports = ResolutionProbeProcess.RunWithNsswitch("127.0.0.1 localhost\n::1 localhost\n", "hosts: files myhostname dns\n", Resolv, "--name", "app.localhost", "--name", "localhost.", "--name", "localhost", "--layer", "OsResolver");

        var app = reports[0].Layer(ResolutionLayer.OsResolver);
        Assert.Equal("myhostname", app.Source);
        Assert.True(app.AllLoopback);
        Assert.Contains("::1", app.Addresses);

        // glibc's files module compares names exactly: "localhost." is not the hosts file's "localhost".
        Assert.Equal("myhostname", reports[1].Layer(ResolutionLayer.OsResolver).Source);

        // With its line in the hosts file, files answers first and myhostname is never asked.
        var plain = reports[2].Layer(ResolutionLayer.OsResolver);
        Assert.Equal("files", plain.Source);
        Assert.Contains("for localhost from the hosts file (hosts: files myhostname dns)", plain.Finding, StringComparison.Ordinal);
    }

    [RequiresNssModuleFact("myhostname")]
    public void Notfound_return_action_stops_the_chain_before_myhostname_and_the_finding_shows_the_chain()
    {
        RequiresNssModuleFactAttribute.Require("myhostname");
        var report = Assert.Single(ResolutionProbeProcess.RunWithNsswitch(NoLocalhost, "hosts: files [NOTFOUND=return] myhostname dns\n", Resolv, "--layer", "OsResolver"));

        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Empty(os.Addresses);
        Assert.Equal(string.Empty, os.Source);
        Assert.Equal(new[] { "files [NOTFOUND=return]", "myhostname", "dns" }, os.Chain);
        Assert.Equal(ResolutionStatus.Fail, os.Status);
        Assert.Contains("after asking hosts: files [NOTFOUND=return] myhostname dns: restore '127.0.0.1 localhost'", os.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "dnsmasq")]
    public void Dns_to_127_0_0_53_is_named_the_systemd_resolved_stub()
    {
        var stub = new IPEndPoint(IPAddress.Parse("127.0.0.53"), 53);
        using var server = new BackgroundProcess("dnsmasq", new[]
        {
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces",
            "--listen-address=127.0.0.53", "--port=53", "--pid-file=", "--log-facility=-", "--user=root",
            "--local=/test/", "--host-record=stub.test,127.0.0.1",
        });
        server.WaitUntil(() => RawDnsQuery.Udp(stub, "stub.test", RawDnsQuery.TypeA, 200).Addresses.Count > 0, TimeSpan.FromSeconds(10), "answering");

        var report = Assert.Single(ResolutionProbeProcess.RunWithNsswitch("127.0.0.1 localhost\n", "hosts: files dns\n", "nameserver 127.0.0.53\noptions edns0 trust-ad\n", "--name", "stub.test", "--layer", "OsResolver"));

        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(new[] { "127.0.0.1" }, os.Addresses);
        Assert.Equal("systemd-resolved stub", os.Source);
        Assert.Contains("for stub.test from the systemd-resolved stub at 127.0.0.53 (hosts: files dns)", os.Finding, StringComparison.Ordinal);
    }
}
