using System.Globalization;
using System.Net;
using System.Net.Sockets;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Connection;

/// <summary>The checklist against real listeners, a real resolver reading the test's hosts file, and real nftables rules.</summary>
public sealed class LocalhostConnectionCheckTests(ITestOutputHelper output)
{
    private static readonly string Www = WebRoot();

    [RequiresFact("unshare", "busybox")]
    public void A_healthy_service_on_both_families_passes_every_step_that_applies()
    {
        using var server = Httpd("{0}", out var port); // busybox binds :: (dual-stack) for a bare port

        var report = Probe(ConnectionProbe.BothFamilies, port, "--http");

        Assert.True(report.Healthy);
        Assert.Equal(new[] { ConnectionStep.Listener, ConnectionStep.HostsFile, ConnectionStep.Resolution, ConnectionStep.Connect, ConnectionStep.Bind, ConnectionStep.Firewall, ConnectionStep.Container, ConnectionStep.Proxy, ConnectionStep.Http, ConnectionStep.Browser }, report.Steps.Select(s => s.Step));
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Listener].Status);
        Assert.Contains($"busybox (pid {server.Id}) listens on TCP port {port}", report[ConnectionStep.Listener].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Connect].Status);
        Assert.Contains(report[ConnectionStep.Connect].Evidence, e => e.StartsWith("127.0.0.1 (choice", StringComparison.Ordinal) && e.EndsWith("Accepted", StringComparison.Ordinal));
        Assert.Contains(report[ConnectionStep.Connect].Evidence, e => e.StartsWith("::1 (choice", StringComparison.Ordinal) && e.EndsWith("Accepted", StringComparison.Ordinal));
        Assert.Equal(ConnectionStatus.Warn, report[ConnectionStep.Bind].Status); // :: is every interface
        Assert.StartsWith("bound to all interfaces ([::])", report[ConnectionStep.Bind].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Firewall].Status);
        Assert.Equal(ConnectionStatus.Skipped, report[ConnectionStep.Container].Status);
        Assert.Contains(ConnectionProbe.NoEngine, report[ConnectionStep.Container].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Http].Status);
        Assert.EndsWith("answers HTTP/1.1 200 OK", report[ConnectionStep.Http].Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "busybox")]
    public void Loopback_listeners_on_both_families_pass_the_bind_step()
    {
        using var v4 = Httpd("127.0.0.1:{0}", out var port);
        using var v6 = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", $"[::1]:{port}", "-h", Www });
        WaitListening(IPAddress.IPv6Loopback, port);

        var report = Probe(ConnectionProbe.BothFamilies, port);

        Assert.True(report.Healthy);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Bind].Status);
        Assert.StartsWith("bound to loopback only (", report[ConnectionStep.Bind].Finding, StringComparison.Ordinal);
        Assert.Equal(2, report[ConnectionStep.Bind].Evidence.Length);
    }

    [RequiresFact("unshare", "busybox")]
    public void Nothing_listening_fails_and_names_where_the_named_process_listens()
    {
        using var other = Httpd("127.0.0.1:{0}", out var otherPort);
        var port = FreePort.Tcp();

        var report = Probe(ConnectionProbe.BothFamilies, port, "--process", "busybox");

        Assert.False(report.Healthy);
        var listener = report[ConnectionStep.Listener];
        Assert.Equal(ConnectionStatus.Fail, listener.Status);
        Assert.StartsWith($"nothing listens on TCP port {port}; busybox (pid ", listener.Finding, StringComparison.Ordinal);
        // The finding names the three most recently started busybox processes; the evidence lists every one.
        Assert.Contains(listener.Evidence, e => e == $"busybox (pid {other.Id}) listens on 127.0.0.1:{otherPort}");
        Assert.EndsWith("- start the service, or use the port it listens on", listener.Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Fail, report[ConnectionStep.Connect].Status);
        Assert.All(report[ConnectionStep.Connect].Evidence, e => Assert.EndsWith("Refused", e, StringComparison.Ordinal));
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Bind].Status); // a free port above 1024 that nothing holds
        Assert.StartsWith($"nothing listens on port {port} yet, and nothing here keeps a server from binding it", report[ConnectionStep.Bind].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Skipped, report[ConnectionStep.Firewall].Status);
    }

    [RequiresFact("unshare", "busybox")]
    public void A_service_on_127_0_0_1_only_behind_an_IPv6_first_localhost_is_the_first_address_trap()
    {
        using var server = Httpd("127.0.0.1:{0}", out var port);

        var report = Probe(ConnectionProbe.IPv6First, port);

        Assert.Equal(new[] { "1. ::1", "2. 127.0.0.1" }, report[ConnectionStep.Resolution].Evidence);
        var connect = report[ConnectionStep.Connect];
        Assert.Equal(ConnectionStatus.Fail, connect.Status);
        Assert.StartsWith("first-address trap: localhost resolves to ::1 first, which refuses, and only 127.0.0.1 accepts", connect.Finding, StringComparison.Ordinal);
        Assert.EndsWith("bind the server to ::1 too, or connect to 127.0.0.1", connect.Finding, StringComparison.Ordinal);
        Assert.Equal(new[] { "::1 (choice 1): Refused", "127.0.0.1 (choice 2): Accepted" }, connect.Evidence);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Firewall].Status); // ::1 refuses because nothing serves it
    }

    [RequiresFact("unshare", "busybox", "nft")]
    public void An_nftables_drop_rule_on_lo_is_named_by_the_firewall_step()
    {
        using var server = Httpd("127.0.0.1:{0}", out var port);
        using var rule = new LoopbackRule(port, "drop");

        var report = Probe(ConnectionProbe.BothFamilies, port, "--timeout-ms", "500");

        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Listener].Status);
        Assert.Equal(ConnectionStatus.Fail, report[ConnectionStep.Connect].Status);
        Assert.Contains(report[ConnectionStep.Connect].Evidence, e => e.StartsWith("127.0.0.1 (choice ", StringComparison.Ordinal) && e.EndsWith("): TimedOut", StringComparison.Ordinal));
        var firewall = report[ConnectionStep.Firewall];
        Assert.Equal(ConnectionStatus.Fail, firewall.Status);
        Assert.StartsWith($"nftables rule 'iifname \"lo\" tcp dport {port} drop' (table inet {rule.Table}, chain input, handle ", firewall.Finding, StringComparison.Ordinal);
        Assert.Contains($"drops port {port} on loopback", firewall.Finding, StringComparison.Ordinal);
        Assert.Contains($"nft delete rule inet {rule.Table} input handle ", firewall.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "busybox", "nft")]
    public void An_nftables_reject_rule_on_lo_is_named_although_the_connection_is_refused()
    {
        using var server = Httpd("127.0.0.1:{0}", out var port);
        using var rule = new LoopbackRule(port, "reject with tcp reset");

        var report = Probe(ConnectionProbe.BothFamilies, port, "--timeout-ms", "500");

        Assert.Contains(report[ConnectionStep.Connect].Evidence, e => e.StartsWith("127.0.0.1 (choice ", StringComparison.Ordinal) && e.EndsWith("): Refused", StringComparison.Ordinal));
        var firewall = report[ConnectionStep.Firewall];
        Assert.Equal(ConnectionStatus.Fail, firewall.Status);
        Assert.StartsWith($"nftables rule 'iifname \"lo\" tcp dport {port} reject with tcp reset' (table inet {rule.Table}", firewall.Finding, StringComparison.Ordinal);
        Assert.Contains($"rejects port {port} on loopback", firewall.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "busybox")]
    public void Without_nft_the_firewall_step_is_skipped_with_the_inference()
    {
        using var server = Httpd("127.0.0.1:{0}", out var port);
        using var rule = new LoopbackRule(port, "drop");

        var report = Probe(ConnectionProbe.BothFamilies, port, "--timeout-ms", "300", "--nft", "/nonexistent/nft");

        var firewall = report[ConnectionStep.Firewall];
        Assert.Equal(ConnectionStatus.Skipped, firewall.Status);
        Assert.Contains("points to a packet filter, but nft is not installed", firewall.Finding, StringComparison.Ordinal);
        Assert.Contains("(inferred)", firewall.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "openssl")]
    public void A_TLS_server_probed_with_Http_is_named_and_told_to_use_https()
    {
        var port = FreePort.Tcp();
        var folder = Directory.CreateTempSubdirectory("lbt-tls-").FullName;
        try
        {
            Run.Command(Component.Find("openssl") ?? "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-days", "1",
                "-keyout", Path.Combine(folder, "key.pem"), "-out", Path.Combine(folder, "cert.pem")).EnsureSuccess("openssl req");
            using var tls = new BackgroundProcess("openssl", new[] { "s_server", "-quiet", "-accept", $"127.0.0.1:{port}", "-cert", Path.Combine(folder, "cert.pem"), "-key", Path.Combine(folder, "key.pem") });
            WaitListening(IPAddress.Loopback, port);

            var report = Probe(ConnectionProbe.IPv4Only, port, "--http", "--timeout-ms", "1000");

            var http = report[ConnectionStep.Http];
            Assert.Equal(ConnectionStatus.Fail, http.Status);
            Assert.Contains("speaks TLS", http.Finding, StringComparison.Ordinal);
            Assert.EndsWith($"use https://localhost:{port}/", http.Finding, StringComparison.Ordinal);
            Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Connect].Status);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [RequiresFact("unshare", "busybox")]
    public void A_server_that_does_not_speak_HTTP_is_named_by_the_Http_step()
    {
        var port = FreePort.Tcp();
        using var banner = new BackgroundProcess("busybox", new[] { "nc", "-ll", "-p", port.ToString(CultureInfo.InvariantCulture), "-e", "echo", "SSH-2.0-OpenSSH_9.2" });
        WaitListening(IPAddress.Loopback, port);

        var report = Probe(ConnectionProbe.BothFamilies, port, "--http", "--timeout-ms", "1000");

        var http = report[ConnectionStep.Http];
        Assert.Equal(ConnectionStatus.Fail, http.Status);
        Assert.Contains($":{port}/ got a reply that is not HTTP ('SSH-2.0-OpenSSH_9.2'): this port serves another protocol - check the port", http.Finding, StringComparison.Ordinal);
    }

    private ConnectionProbe.Report Probe(string hosts, int port, params string[] arguments)
    {
        var report = ConnectionProbe.Run(hosts, port, arguments);
        output.WriteLine(report.ToString());
        return report;
    }

    /// <summary>A busybox httpd on <paramref name="bindFormat"/> (with {0} for a free port), once it accepts.</summary>
    private static BackgroundProcess Httpd(string bindFormat, out int port)
    {
        port = FreePort.Tcp(IPAddress.IPv6Any);
        var bind = string.Format(CultureInfo.InvariantCulture, bindFormat, port);
        var process = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", bind, "-h", Www });
        WaitListening(bind.StartsWith("[::1]", StringComparison.Ordinal) ? IPAddress.IPv6Loopback : IPAddress.Loopback, port);
        return process;
    }

    private static void WaitListening(IPAddress address, int port) => Eventually.True(() =>
    {
        try
        {
            using var client = new TcpClient(address.AddressFamily);
            client.Connect(address, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, TimeSpan.FromSeconds(10), $"a listener on {address} port {port}");

    private static string WebRoot()
    {
        var folder = Path.Combine(Path.GetTempPath(), "lbt-connection-www");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "index.html"), "hello from the connection tests\n");
        return folder;
    }

    /// <summary>A real nftables rule on lo for one port, in the seal's network namespace (only that port is affected).</summary>
    private sealed class LoopbackRule : IDisposable
    {
        public LoopbackRule(int port, string verdict)
        {
            Table = "lbt" + Guid.NewGuid().ToString("N")[..8];
            Run.Command(Component.Find("nft") ?? "nft", "add", "table", "inet", Table).EnsureSuccess("nft add table");
            Run.Command(Component.Find("nft") ?? "nft", "add", "chain", "inet", Table, "input", "{ type filter hook input priority 0; }").EnsureSuccess("nft add chain");
            Run.Command(Component.Find("nft") ?? "nft", new[] { "add", "rule", "inet", Table, "input", "iifname", "lo", "tcp", "dport", port.ToString(CultureInfo.InvariantCulture) }.Concat(verdict.Split(' '))).EnsureSuccess("nft add rule");
        }

        public string Table { get; }

        public void Dispose() => Run.Command(Component.Find("nft") ?? "nft", "delete", "table", "inet", Table);
    }
}
