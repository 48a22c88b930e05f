using System.Net;
using System.Net.Sockets;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Resolution;

/// <summary>
/// The OS resolver layer for real: the probe process resolves through getaddrinfo with a hosts file the
/// test bind-mounts over /etc/hosts in a private mount namespace.
/// </summary>
public sealed class OsResolverLayerTests
{
    [RequiresFact("unshare")]
    public void Hosts_file_without_ipv6_localhost_shows_at_the_hosts_and_os_layers()
    {
        var report = Assert.Single(ResolutionProbeProcess.Run("127.0.0.1 localhost\n", "--name", "localhost", "--layer", "HostsFile", "--layer", "OsResolver"));

        var hosts = report.Layer(ResolutionLayer.HostsFile);
        Assert.Equal(ResolutionStatus.Warn, hosts.Status);
        Assert.Equal("/etc/hosts", hosts.Server);
        Assert.Contains("has no ::1 localhost line: IPv6 clients fall through to DNS", hosts.Finding, StringComparison.Ordinal);

        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(new[] { "127.0.0.1" }, os.Addresses);
        Assert.True(os.AllLoopback);
        Assert.Equal(ResolutionStatus.Warn, os.Status);
        Assert.Contains("returns only IPv4", os.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare")]
    public void Complete_hosts_file_passes_and_the_finding_names_the_family_that_comes_first()
    {
        var report = Assert.Single(ResolutionProbeProcess.Run("127.0.0.1 localhost\n::1 localhost ip6-localhost\n", "--layer", "OsResolver"));
        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(ResolutionStatus.Pass, os.Status);
        Assert.Equal(new[] { "127.0.0.1", "::1" }, os.Addresses.Order(StringComparer.Ordinal));
        var family = os.FirstAddress == "::1" ? "IPv6 first" : "IPv4 first";
        Assert.Contains($"{family}: clients that try only the first address need a listener on {os.FirstAddress}", os.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare")]
    public void Localhost_mapped_to_a_real_address_fails_at_both_layers_naming_the_line()
    {
        var report = Assert.Single(ResolutionProbeProcess.Run("# lab\n203.0.113.7 localhost\n", "--layer", "HostsFile", "--layer", "OsResolver"));
        var hosts = report.Layer(ResolutionLayer.HostsFile);
        Assert.Equal(ResolutionStatus.Fail, hosts.Status);
        Assert.Contains("maps localhost to 203.0.113.7 (line 2): localhost must resolve to loopback (RFC 6761 6.3)", hosts.Finding, StringComparison.Ordinal);

        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(ResolutionStatus.Fail, os.Status);
        Assert.Equal(new[] { "203.0.113.7" }, os.Addresses);
        Assert.False(os.AllLoopback);
        Assert.False(report.Healthy);
    }

    [RequiresFact("unshare", "dnsmasq")]
    public void Sub_localhost_name_at_each_layer_not_in_hosts()
    {
        using var dns = new DnsmasqServer();
        var report = Assert.Single(ResolutionProbeProcess.Run("127.0.0.1 localhost\n::1 localhost\n", "--name", "foo.localhost", "--dns", dns.Address));

        Assert.Equal(ResolutionStatus.Warn, report.Layer(ResolutionLayer.HostsFile).Status);
        Assert.Contains("has no foo.localhost line", report.Layer(ResolutionLayer.HostsFile).Finding, StringComparison.Ordinal);

        // .NET on Linux sends *.localhost to DNS (here 127.0.0.1:53, where nothing listens): unresolved.
        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(ResolutionStatus.Fail, os.Status);
        Assert.Empty(os.Addresses);
        Assert.Contains("no RFC 6761 rule for *.localhost", os.Finding, StringComparison.Ordinal);

        // dnsmasq holds --local=/localhost/: NXDOMAIN, which leaves the name alone as RFC 6761 allows.
        var server = report.Layer(ResolutionLayer.DnsServer);
        Assert.Equal(ResolutionStatus.Pass, server.Status);
        Assert.Equal("NXDomain", server.ResponseCode);
    }

    [RequiresFact("unshare")]
    public void Sub_localhost_name_listed_in_hosts_resolves_to_loopback_through_the_os()
    {
        var report = Assert.Single(ResolutionProbeProcess.Run("127.0.0.1 localhost app.localhost\n::1 localhost app.localhost\n", "--name", "app.localhost", "--layer", "HostsFile", "--layer", "OsResolver"));
        Assert.Equal(ResolutionStatus.Pass, report.Layer(ResolutionLayer.HostsFile).Status);
        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(ResolutionStatus.Pass, os.Status);
        Assert.True(os.AllLoopback);
    }

    [RequiresFact("unshare")]
    public void Trailing_dot_localhost_skips_the_hosts_file_in_the_os_resolver()
    {
        var report = Assert.Single(ResolutionProbeProcess.Run("127.0.0.1 localhost\n::1 localhost\n", "--name", "localhost.", "--layer", "HostsFile", "--layer", "OsResolver"));
        Assert.Equal(ResolutionStatus.Pass, report.Layer(ResolutionLayer.HostsFile).Status);
        var os = report.Layer(ResolutionLayer.OsResolver);
        Assert.Equal(ResolutionStatus.Fail, os.Status);
        Assert.Contains("with the trailing dot it skips the hosts file and asks DNS", os.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare")]
    public void Port_matrix_names_the_ipv6_first_mismatch_when_the_server_binds_only_ipv4()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var report = Assert.Single(ResolutionProbeProcess.Run("127.0.0.1 localhost\n::1 localhost\n", "--layer", "OsResolver", "--port", port));
        // glibc sorts getaddrinfo results by RFC 6724, which puts ::1 before 127.0.0.1.
        Assert.Equal("::1", report.Layer(ResolutionLayer.OsResolver).FirstAddress);

        Assert.Equal(ConnectOutcome.Accepted, report.At("127.0.0.1").Outcome);
        var v6 = report.At("::1");
        Assert.Equal(ConnectOutcome.Refused, v6.Outcome);
        Assert.Equal(ResolutionStatus.Fail, v6.Status);
        Assert.Contains("localhost resolves to ::1 first but the server listens only on 127.0.0.1: clients that try IPv6 first will fail", v6.Finding, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }
}
