using System.Net;
using System.Net.Sockets;
using LoopbackTools.ContainerConnection;
using LoopbackTools.Diagnostics;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.ContainerConnection;

/// <summary>
/// The checks against a real dockerd in the seal: its bridges exist only in the seal's network namespace, the
/// host services are sockets of this test process, and every connection is made from inside the containers.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerConnectionDockerTests(DockerFixture docker, ITestOutputHelper output) : IDisposable
{
    private readonly List<string> _containers = new();
    private readonly List<string> _networks = new();

    private DockerEngine Engine => docker.Engine;

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_host_service_on_127_0_0_1_fails_HostBind_and_the_connection_is_refused_from_inside()
    {
        using var service = Listen(IPAddress.Loopback);
        var client = Run("api", "--add-host=host.docker.internal:host-gateway");

        var report = await Check(client, service.Port);

        Assert.Equal(new[] { ConnectionStep.Localhost, ConnectionStep.Name, ConnectionStep.Network, ConnectionStep.HostBind, ConnectionStep.Connect, ConnectionStep.Firewall }, report.Steps.Select(s => s.Step));
        Assert.All(report.Steps, s => Assert.Equal((client, "host.docker.internal", service.Port), (s.Container, s.Name, s.Port)));
        var bind = Step(report, ConnectionStep.HostBind);
        Assert.Equal(ConnectionStatus.Fail, bind.Status);
        Assert.Contains($"listens only on 127.0.0.1:{service.Port}, the host's loopback: a connection from {client} arrives at", bind.Finding, StringComparison.Ordinal);
        var connect = Step(report, ConnectionStep.Connect);
        Assert.Equal(ConnectionStatus.Fail, connect.Status);
        Assert.Matches($@"^from {client}: \S+ \(choice 1\): Refused$", Assert.Single(connect.Evidence));
        Assert.False(report.Healthy);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_host_service_on_all_interfaces_accepts_a_connection_made_inside_the_container()
    {
        using var service = Listen(IPAddress.Any);
        var client = Run("api", "--add-host=host.docker.internal:host-gateway");

        var report = await Check(client, service.Port);

        Assert.Equal(ConnectionStatus.Pass, Step(report, ConnectionStep.Connect).Status);
        Assert.Equal(ConnectionStatus.Warn, Step(report, ConnectionStep.HostBind).Status);
        Assert.StartsWith("host.docker.internal resolves inside", Step(report, ConnectionStep.Name).Finding, StringComparison.Ordinal);
        Assert.True(report.Healthy);
        // The accepted connection came from the container's address on the bridge, not from the host's loopback.
        for (var i = 0; i < 40 && service.LastPeer is null; i++)
        {
            await Task.Delay(50);
        }

        Assert.True(service.LastPeer is { } peer && !IPAddress.IsLoopback(peer), $"peer {service.LastPeer}");
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task Without_add_host_the_name_step_fails_naming_the_fix_and_the_gateway_is_tried()
    {
        using var service = Listen(IPAddress.Any);
        var client = Run("noadd");

        var report = await Check(client, service.Port);

        var name = Step(report, ConnectionStep.Name);
        Assert.Equal(ConnectionStatus.Fail, name.Status);
        Assert.Contains("--add-host=host.docker.internal:host-gateway", name.Finding, StringComparison.Ordinal);
        var connect = Step(report, ConnectionStep.Connect);
        Assert.Equal(ConnectionStatus.Warn, connect.Status);
        Assert.Contains("(not resolved, tried anyway): Accepted", Assert.Single(connect.Evidence), StringComparison.Ordinal);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_container_name_resolves_through_the_embedded_dns_on_a_user_network()
    {
        var network = Network();
        var server = Run("db", "--network", network, DockerEngine.Image, "busybox", "httpd", "-f", "-p", "8080", "-h", "/www");
        var client = Run("api", "--network", network);

        var report = await Until(client, 8080, server, r => r.Healthy);

        Assert.Contains("(from DNS 127.0.0.11)", Step(report, ConnectionStep.Name).Finding, StringComparison.Ordinal);
        Assert.StartsWith($"{client} and {server} share network {network}, where {server} is ", Step(report, ConnectionStep.Network).Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Skipped, Step(report, ConnectionStep.HostBind).Status);
        Assert.Equal(ConnectionStatus.Pass, Step(report, ConnectionStep.Connect).Status);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task From_the_default_bridge_a_container_name_does_not_resolve_and_no_network_is_shared()
    {
        var network = Network();
        var server = Run("db", "--network", network, DockerEngine.Image, "busybox", "httpd", "-f", "-p", "8080", "-h", "/www");
        var client = Run("plain");

        var report = await Check(client, 8080, server);

        var name = Step(report, ConnectionStep.Name);
        Assert.Equal(ConnectionStatus.Fail, name.Status);
        Assert.EndsWith($"where container names do not resolve - docker network connect {network} {client}", name.Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Fail, Step(report, ConnectionStep.Network).Status);
        Assert.Equal(ConnectionStatus.Skipped, Step(report, ConnectionStep.Connect).Status);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task Localhost_is_the_container_itself()
    {
        using var service = Listen(IPAddress.Any);
        var client = Run("api");

        var report = await Check(client, service.Port, "localhost");

        var localhost = Step(report, ConnectionStep.Localhost);
        Assert.Equal(ConnectionStatus.Fail, localhost.Status);
        Assert.Contains("there localhost is the container itself, not the host", localhost.Finding, StringComparison.Ordinal);
        // The host listens on that port, yet 127.0.0.1 inside the container refuses: the socket was made inside.
        Assert.Contains(Step(report, ConnectionStep.Connect).Evidence, e => e.EndsWith("127.0.0.1 (choice 1): Refused", StringComparison.Ordinal));
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_stopped_container_is_an_error_with_its_own_id()
    {
        var name = Unique("stopped");
        Engine.Docker("create", "--name", name, DockerEngine.Image, "busybox", "true").EnsureSuccess("docker create");
        _containers.Add(name);

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => Check(name, 80));

        Assert.Equal("ContainerConnection.NotRunning", error.ErrorId);
        Assert.Contains($"docker start {name}", error.Remedy, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (_containers.Count > 0)
        {
            Engine.Docker(new[] { "rm", "-f" }.Concat(_containers).ToArray());
        }

        foreach (var network in _networks)
        {
            Engine.Docker("network", "rm", network);
        }
    }

    private static LocalhostConnectionStep Step(ContainerConnectionReport report, ConnectionStep step) => report.Steps.Single(s => s.Step == step);

    // 3 s, not 1: the same limit bounds the engine's answers, and a busy dockerd once took over 1 s for /version.
    private Task<ContainerConnectionReport> Check(string container, int port, string? target = null) =>
        new ContainerConnectionCheck().CheckAsync(new ContainerConnectionOptions(container, port) { TargetName = target, Engine = Engine.Endpoint, Timeout = TimeSpan.FromSeconds(3) }, CancellationToken.None);

    /// <summary>Again until <paramref name="ready"/> (busybox httpd needs a moment after docker run).</summary>
    private async Task<ContainerConnectionReport> Until(string container, int port, string target, Func<ContainerConnectionReport, bool> ready)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            var report = await Check(container, port, target);
            if (ready(report) || DateTime.UtcNow > deadline)
            {
                output.WriteLine(string.Join("\n", report.Steps));
                return report;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Starts a container (a sleeping one unless a command is given after the image) and returns its name.</summary>
    private string Run(string prefix, params string[] args)
    {
        var name = Unique(prefix);
        var command = args.Contains(DockerEngine.Image) ? args : args.Concat(new[] { DockerEngine.Image, "busybox", "sleep", "600" }).ToArray();
        Engine.RunContainer(new[] { "--name", name }.Concat(command).ToArray());
        _containers.Add(name);
        return name;
    }

    private string Network()
    {
        var name = Unique("net");
        Engine.Docker("network", "create", name).EnsureSuccess("docker network create");
        _networks.Add(name);
        return name;
    }

    private static string Unique(string prefix) => "lbt-cc-" + prefix + "-" + Guid.NewGuid().ToString("N")[..6];

    private static HostService Listen(IPAddress address) => new(address);

    /// <summary>A TCP service of this process (the host, as the containers see it) that remembers its last peer.</summary>
    private sealed class HostService : IDisposable
    {
        private readonly TcpListener _listener;

        public HostService(IPAddress address)
        {
            _listener = new TcpListener(address, 0);
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        public IPAddress? LastPeer { get; private set; }

        public void Dispose() => _listener.Stop();

        private async Task AcceptAsync()
        {
            try
            {
                while (true)
                {
                    using var client = await _listener.AcceptTcpClientAsync();
                    LastPeer = ((IPEndPoint)client.Client.RemoteEndPoint!).Address;
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        }
    }
}
