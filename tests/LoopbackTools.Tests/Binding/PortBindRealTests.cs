using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Connection;
using LoopbackTools.Tests.Resolution;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Binding;

/// <summary>
/// The Bind step for a port nothing listens on, against the real kernel: each test gets a fresh network namespace
/// (its sysctls are its own, so the rest of the sealed run keeps the defaults), sets the real sysctls there, runs
/// Test-LocalhostConnection's engine (the probe's `connection` mode) and a real bind by a non-root user
/// (setpriv --reuid=65534), and checks that the step says what the bind met.
/// </summary>
public sealed class PortBindRealTests(ITestOutputHelper output)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    // A non-root bind of 127.0.0.1:PORT, printing "bound" or the error (strerror) the kernel gave.
    private const string Functions = """
        ip link set lo up
        nonroot_bind() { setpriv --reuid=65534 --regid=65534 --clear-groups /usr/bin/python3 -c 'import socket, sys
        s = socket.socket()
        try:
            s.bind(("127.0.0.1", int(sys.argv[1]))); print("bound")
        except OSError as e:
            print(e.strerror)' "$1"; }
        check() { dotnet "$PROBE" connection --port "$1" --name 127.0.0.1 --engine unix:///nonexistent/lbt-docker.sock; echo '=====' ; }
        """;

    [RequiresFact("unshare", "setpriv")]
    public void A_port_below_ip_unprivileged_port_start_warns_and_names_the_sysctl_that_a_real_bind_then_passes()
    {
        var parts = InFreshNamespace("""
            echo "bind: $(nonroot_bind 80)"; echo '====='
            check 80
            sysctl -qw net.ipv4.ip_unprivileged_port_start=80
            echo "bind: $(nonroot_bind 80)"; echo '====='
            check 80
            """);

        Assert.Equal("bind: Permission denied", parts[0]);
        var before = Bind(parts[1]);
        Assert.Equal(ConnectionStatus.Warn, before.Status);
        Assert.StartsWith("port 80 is below net.ipv4.ip_unprivileged_port_start=1024 in this network namespace: a server not running as root gets 'permission denied' - run 'sysctl -w net.ipv4.ip_unprivileged_port_start=80'", before.Finding, StringComparison.Ordinal);
        Assert.Contains("net.ipv4.ip_unprivileged_port_start = 1024", before.Evidence);

        Assert.Equal("bind: bound", parts[2]); // the fix the finding names lets the non-root server bind
        var after = Bind(parts[3]);
        Assert.Equal(ConnectionStatus.Pass, after.Status);
        Assert.Contains("net.ipv4.ip_unprivileged_port_start = 80", after.Evidence);
    }

    [RequiresFact("unshare", "setpriv")]
    public void An_outgoing_connection_holding_a_port_of_ip_local_port_range_warns_and_a_reserved_port_is_shown()
    {
        // The namespace's ephemeral range is 20000-29999 with 20005 reserved; an outgoing connection to a local server
        // takes a port from it, which a server then cannot bind (cloudfoundry/routing-release#206).
        var parts = InFreshNamespace("""
            sysctl -qw net.ipv4.ip_local_port_range="20000 29999"
            sysctl -qw net.ipv4.ip_local_reserved_ports=20005
            /usr/bin/python3 -c 'import socket, time
            server = socket.socket(); server.bind(("127.0.0.1", 9000)); server.listen()
            client = socket.create_connection(("127.0.0.1", 9000)); print(client.getsockname()[1], flush=True); time.sleep(60)' > held.port 2>/dev/null &
            for i in $(seq 100); do [ -s held.port ] && break; sleep 0.05; done
            held=$(cat held.port); echo "$held"; echo '====='
            echo "bind: $(nonroot_bind "$held")"; echo '====='
            check "$held"
            check 20005
            kill %1
            """);

        var held = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(held, 20000, 29999);
        Assert.Equal("bind: Address already in use", parts[1]);
        var step = Bind(parts[2]);
        Assert.Equal(ConnectionStatus.Warn, step.Status);
        Assert.Equal($"local port {held} is held by a connection (ESTAB 127.0.0.1:{held} -> 127.0.0.1:9000): a server's bind gets 'address already in use' - close the client that holds it, and keep outgoing connections off it: sysctl -w net.ipv4.ip_local_reserved_ports={held}", step.Finding);
        Assert.Contains($"net.ipv4.ip_local_port_range = 20000 29999 (port {held} inside: an outgoing connection may take it)", step.Evidence);
        Assert.Contains("net.ipv4.ip_local_reserved_ports = 20005", step.Evidence);

        var reserved = Bind(parts[3]);
        Assert.Equal(ConnectionStatus.Pass, reserved.Status);
        Assert.Contains("net.ipv4.ip_local_port_range = 20000 29999", reserved.Evidence); // reserved: no "may take it" note
    }

    /// <summary>Runs <paramref name="script"/> (after <see cref="Functions"/>) in a new network namespace; the outputs between '=====' lines.</summary>
    private string[] InFreshNamespace(string script)
    {
        var folder = Directory.CreateTempSubdirectory("lbt-bind-").FullName;
        try
        {
            var result = Run.Command("unshare", new[] { "--net", "bash", "-c", "cd \"$1\" && PROBE=\"$2\" && " + Functions + "\n" + script, "bind-test", folder, ResolutionProbeProcess.DllPath }, TimeSpan.FromSeconds(60));
            output.WriteLine(result.Output + result.Error);
            Assert.True(result.ExitCode == 0, result.Error);
            return result.Output.Split("=====").Select(p => p.Trim()).ToArray();
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static LocalhostConnectionStep Bind(string json) =>
        Assert.Single(JsonSerializer.Deserialize<LocalhostConnectionStep[]>(json, Json)!, s => s.Step == ConnectionStep.Bind);
}
