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
    public void Without_nft_the_firewall_step_is_skipped_and_says_what_it_could_not_read()
    {
        using var server = Httpd("127.0.0.1:{0}", out var port);
        using var rule = new LoopbackRule(port, "drop");

        var report = Probe(ConnectionProbe.BothFamilies, port, "--timeout-ms", "300", "--nft", "/nonexistent/nft");

        var firewall = report[ConnectionStep.Firewall];
        Assert.Equal(ConnectionStatus.Skipped, firewall.Status);
        Assert.Contains("nft is not installed, so the ruleset was not read and no packet filter was found or ruled out", firewall.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "busybox", "nft")]
    public void A_server_on_127_0_0_2_is_named_by_the_connect_and_bind_steps_and_no_filter_is_blamed()
    {
        var port = FreePort.Tcp();
        using var server = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", $"127.0.0.2:{port}", "-h", Www });
        WaitListening(IPAddress.Parse("127.0.0.2"), port);

        var report = Probe(ConnectionProbe.BothFamilies, port, "--timeout-ms", "2000"); // every connection refuses at once


        Assert.False(report.Healthy);
        var connect = report[ConnectionStep.Connect];
        Assert.Equal(ConnectionStatus.Fail, connect.Status);
        Assert.EndsWith($": the server listens only on 127.0.0.2:{port}, which accepts - connect to 127.0.0.2:{port}, or bind the server to 127.0.0.1, what localhost resolves to", connect.Finding, StringComparison.Ordinal);
        Assert.Contains($"127.0.0.2 (a listener's address): Accepted", connect.Evidence);
        var bind = report[ConnectionStep.Bind];
        Assert.Equal(ConnectionStatus.Fail, bind.Status);
        Assert.StartsWith("bound to 127.0.0.2, which localhost does not resolve to (", bind.Finding, StringComparison.Ordinal);
        Assert.EndsWith($"): clients of localhost cannot reach it - bind the server to 127.0.0.1, or connect to 127.0.0.2:{port}", bind.Finding, StringComparison.Ordinal);
        Assert.NotEqual(ConnectionStatus.Fail, report[ConnectionStep.Firewall].Status);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Listener].Status);
    }

    [RequiresFact("unshare", "nft")]
    public void A_server_that_never_accepts_is_named_by_its_full_accept_queue_and_no_filter_is_blamed()
    {
        var port = FreePort.Tcp();
        using var stuck = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        stuck.Bind(new IPEndPoint(IPAddress.Loopback, port));
        stuck.Listen(1); // and never accept()
        // listen(1) queues two completed connections (the kernel refuses only above the backlog); both are taken here.
        var clients = Enumerable.Range(0, 2).Select(_ => new TcpClient(AddressFamily.InterNetwork)).ToList();
        try
        {
            clients.ForEach(c => c.Connect(IPAddress.Loopback, port));

            // The limit also bounds the OS lookup: generous, so a loaded machine still resolves the name.
            var report = Probe(ConnectionProbe.BothFamilies, port, "--timeout-ms", "1500");

            var listener = report[ConnectionStep.Listener];
            Assert.Equal(ConnectionStatus.Fail, listener.Status);
            Assert.Contains($"(pid {Environment.ProcessId}) listens on TCP port {port} at 127.0.0.1 but does not accept connections: its accept queue is full (Recv-Q 2 / backlog 1)", listener.Finding, StringComparison.Ordinal);
            Assert.Contains(report[ConnectionStep.Connect].Evidence, e => e.StartsWith("127.0.0.1 (", StringComparison.Ordinal) && e.EndsWith("): TimedOut", StringComparison.Ordinal));
            Assert.Contains("its accept queue is full (Recv-Q 2 / backlog 1), so the kernel drops new connections", report[ConnectionStep.Connect].Finding, StringComparison.Ordinal);
            var firewall = report[ConnectionStep.Firewall];
            Assert.Equal(ConnectionStatus.Pass, firewall.Status);
            Assert.StartsWith($"no nftables rule drops or rejects port {port} on lo", firewall.Finding, StringComparison.Ordinal);
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [RequiresFact("unshare", "busybox", "iptables-nft")]
    public void An_iptables_nft_rule_is_read_from_the_nftables_ruleset_and_named()
    {
        var port = FreePort.Tcp();
        // In a network namespace of its own: iptables-nft leaves its ip filter table behind, which nothing else should see.
        var setup = $"ip link set lo up && busybox httpd -p 127.0.0.1:{port} -h {Www} && iptables-nft -A INPUT -i lo -p tcp --dport {port} -j DROP && ";
        var report = ConnectionProbe.RunInOwnNetwork(ConnectionProbe.IPv4Only, setup, port, "--timeout-ms", "500");
        output.WriteLine(report.ToString());

        var firewall = report[ConnectionStep.Firewall];
        Assert.Equal(ConnectionStatus.Fail, firewall.Status);
        Assert.Contains("(table ip filter, chain INPUT, handle ", firewall.Finding, StringComparison.Ordinal);
        Assert.Contains($"drops port {port} on loopback", firewall.Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Listener].Status);
    }

    [RequiresFact("unshare", "busybox")]
    public void A_port_held_by_another_program_than_ProcessName_fails_the_listener_step()
    {
        using var server = Httpd("127.0.0.1:{0}", out var port);

        var report = Probe(ConnectionProbe.BothFamilies, port, "--process", "nginx");

        Assert.False(report.Healthy); // so -Quiet says $false while the client reaches the wrong program
        var listener = report[ConnectionStep.Listener];
        Assert.Equal(ConnectionStatus.Fail, listener.Status);
        Assert.Equal($"port {port} is held by busybox (pid {server.Id}), not by nginx: another program took the port - stop it, or start nginx on a free port", listener.Finding);
    }

    [RequiresFact("unshare", "busybox", "ip")]
    public void A_loopback_interface_that_is_down_is_named_with_the_command_that_brings_it_up()
    {
        var port = FreePort.Tcp();
        // A fresh network namespace: lo is down. busybox httpd binds every interface there and daemonizes.
        var report = ConnectionProbe.RunInOwnNetwork(ConnectionProbe.BothFamilies, $"busybox httpd -p {port} -h {Www} && ", port, "--timeout-ms", "500");
        output.WriteLine(report.ToString());

        var connect = report[ConnectionStep.Connect];
        Assert.Equal(ConnectionStatus.Fail, connect.Status);
        Assert.EndsWith(": the loopback interface lo is down, so no loopback address works - run 'ip link set lo up'", connect.Finding, StringComparison.Ordinal);
        Assert.Contains(connect.Evidence, e => e.StartsWith("lo: down", StringComparison.Ordinal));
        Assert.NotEqual(ConnectionStatus.Fail, report[ConnectionStep.Firewall].Status);
    }

    [RequiresFact("unshare", "busybox", "ip", "sysctl")]
    public void IPv6_disabled_on_lo_by_sysctl_is_named_with_the_sysctl_that_brings_back_1()
    {
        var port = FreePort.Tcp();
        var setup = $"ip link set lo up && sysctl -qw net.ipv6.conf.lo.disable_ipv6=1 && busybox httpd -p 127.0.0.1:{port} -h {Www} && ";
        var report = ConnectionProbe.RunInOwnNetwork(ConnectionProbe.IPv6First, setup, port, "--timeout-ms", "1500");
        output.WriteLine(report.ToString());

        // glibc then sorts 127.0.0.1 first (RFC 6724: ::1 is unusable), so clients that take ::1 from the hosts file fail.
        var connect = report[ConnectionStep.Connect];
        Assert.Equal(ConnectionStatus.Warn, connect.Status);
        Assert.Contains(connect.Evidence, e => e.StartsWith("::1 (choice 2): ", StringComparison.Ordinal) && !e.EndsWith("Accepted", StringComparison.Ordinal));
        Assert.Contains("::1 is not on lo: IPv6 is disabled on it (net.ipv6.conf.lo.disable_ipv6 = 1) - run 'sysctl -w net.ipv6.conf.lo.disable_ipv6=0', or connect to 127.0.0.1", connect.Finding, StringComparison.Ordinal);
        Assert.Contains("net.ipv6.conf.lo.disable_ipv6 = 1", connect.Evidence);
    }

    [RequiresFact("unshare", "busybox", "ip", "ss")]
    public void A_server_in_another_network_namespace_is_named_your_localhost_is_not_theirs()
    {
        var port = FreePort.Tcp();
        using var other = new NetworkNamespace(loopbackUp: true);
        using var server = other.Start("busybox", "httpd", "-f", "-p", $"127.0.0.1:{port}", "-h", Www);
        Eventually.True(() => other.Exec("ss", "-ltnH", $"sport = :{port}").Output.Contains("LISTEN", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "busybox listening in the namespace");

        var report = Probe(ConnectionProbe.BothFamilies, port);

        var listener = report[ConnectionStep.Listener];
        Assert.Equal(ConnectionStatus.Fail, listener.Status);
        Assert.StartsWith($"nothing listens on TCP port {port} in this network namespace, but busybox (pid ", listener.Finding, StringComparison.Ordinal);
        Assert.Contains($"listens on 127.0.0.1:{port} in ip netns {other.Name} (net:[", listener.Finding, StringComparison.Ordinal);
        Assert.EndsWith($": your localhost is not theirs - run the client in that namespace (ip netns exec {other.Name} CLIENT), or forward the port into this one", listener.Finding, StringComparison.Ordinal);
        Assert.Contains($"in ip netns {other.Name} (net:[", report[ConnectionStep.Connect].Finding, StringComparison.Ordinal);
        Assert.EndsWith("which a connection from here never reaches", report[ConnectionStep.Connect].Finding, StringComparison.Ordinal);
        Assert.NotEqual(ConnectionStatus.Fail, report[ConnectionStep.Firewall].Status);
    }

    [RequiresFact("unshare", "socat", "busybox")]
    public void A_socat_forward_names_its_far_end_and_fails_when_nothing_answers_there()
    {
        var port = FreePort.Tcp();
        var far = FreePort.Tcp();
        var arguments = new[] { $"TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr", $"TCP:127.0.0.1:{far}" };
        using var forwarder = new BackgroundProcess("socat", arguments);
        WaitListening(IPAddress.Loopback, port);

        var dead = Probe(ConnectionProbe.IPv4Only, port, "--timeout-ms", "1000")[ConnectionStep.Listener];

        Assert.Equal(ConnectionStatus.Fail, dead.Status);
        // socat closes, or resets when the request it never read is still queued: both say the far end refused.
        Assert.StartsWith($"socat (pid {forwarder.Id}) listens on TCP port {port} at 127.0.0.1 and forwards it (socat) to 127.0.0.1:{far} from this machine, but the far end does not take the connection: socat ", dead.Finding, StringComparison.Ordinal);
        Assert.EndsWith($" it without a byte - start the service at 127.0.0.1:{far}, or point the forward at the port it listens on", dead.Finding, StringComparison.Ordinal);

        using var server = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", $"127.0.0.1:{far}", "-h", Www });
        WaitListening(IPAddress.Loopback, far);
        var alive = Probe(ConnectionProbe.IPv4Only, port, "--timeout-ms", "1000")[ConnectionStep.Listener];

        Assert.Equal(ConnectionStatus.Pass, alive.Status);
        Assert.EndsWith($"forwards it (socat) to 127.0.0.1:{far} from this machine, which answers", alive.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "socat", "redis-server")]
    public void A_socat_forward_to_a_server_that_never_speaks_first_is_not_a_failure()
    {
        // redis, like HTTP, waits for the client, and closes on a "Host:" line: the far end took the connection.
        var port = FreePort.Tcp();
        var far = FreePort.Tcp();
        using var redis = new BackgroundProcess("redis-server", new[] { "--port", far.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" });
        WaitListening(IPAddress.Loopback, far);
        using var forwarder = new BackgroundProcess("socat", new[] { $"TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr", $"TCP:127.0.0.1:{far}" });
        WaitListening(IPAddress.Loopback, port);

        var listener = Probe(ConnectionProbe.IPv4Only, port, "--timeout-ms", "2000")[ConnectionStep.Listener];

        Assert.Equal(ConnectionStatus.Pass, listener.Status);
        Assert.Contains($"forwards it (socat) to 127.0.0.1:{far} from this machine, which takes the connection", listener.Finding, StringComparison.Ordinal);
        Assert.DoesNotContain("does not take the connection", listener.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("unshare", "sshd", "ssh", "ssh-keygen")]
    public void An_ssh_L_forward_whose_far_end_refuses_is_named_with_its_target()
    {
        var folder = Directory.CreateTempSubdirectory("lbt-sshl-").FullName;
        try
        {
            var sshPort = FreePort.Tcp();
            var port = FreePort.Tcp();
            var far = FreePort.Tcp(); // nothing listens there: the SSH server's connection to it is refused
            string Key(string name)
            {
                var path = Path.Combine(folder, name);
                Run.Command(Component.Find("ssh-keygen") ?? "ssh-keygen", "-q", "-t", "ed25519", "-N", string.Empty, "-f", path).EnsureSuccess("ssh-keygen");
                return path;
            }

            var hostKey = Key("host_key");
            var clientKey = Key("client_key");
            File.Copy(clientKey + ".pub", Path.Combine(folder, "authorized_keys"));
            var config = Path.Combine(folder, "sshd_config");
            File.WriteAllText(config, $"ListenAddress 127.0.0.1:{sshPort}\nHostKey {hostKey}\nAuthorizedKeysFile {folder}/authorized_keys\nPasswordAuthentication no\nKbdInteractiveAuthentication no\nPermitRootLogin prohibit-password\nStrictModes no\nUsePAM no\nPidFile none\n");
            Directory.CreateDirectory("/run/sshd");
            using var sshd = new BackgroundProcess(Component.Find("sshd") ?? "/usr/sbin/sshd", new[] { "-D", "-e", "-f", config });
            WaitListening(IPAddress.Loopback, sshPort);
            using var tunnel = new BackgroundProcess("ssh", new[]
            {
                "-N", "-L", $"127.0.0.1:{port}:127.0.0.1:{far}", "-i", clientKey, "-p", sshPort.ToString(CultureInfo.InvariantCulture),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "IdentitiesOnly=yes", "root@127.0.0.1",
            });
            WaitListening(IPAddress.Loopback, port);

            var listener = Probe(ConnectionProbe.IPv4Only, port, "--timeout-ms", "2000")[ConnectionStep.Listener];

            Assert.Equal(ConnectionStatus.Fail, listener.Status);
            Assert.StartsWith($"ssh (pid {tunnel.Id}) listens on TCP port {port} at 127.0.0.1 and forwards it (ssh -L) to 127.0.0.1:{far} as seen from the SSH server, but the far end does not take the connection: ssh ", listener.Finding, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
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
