using System.Globalization;
using LoopbackTools.Containers;
using LoopbackTools.Listeners;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Listeners;

/// <summary>Container names of listener owners against a real dockerd (cgroupfs driver in the seal: /docker/&lt;id&gt;).</summary>
[Collection(DockerCollection.Name)]
public sealed class ListenerOwnerDockerTests(DockerFixture docker, ITestOutputHelper output) : IDisposable
{
    private DockerEngine Engine => docker.Engine;

    [RequiresFact("dockerd", "docker", "busybox")]
    public void A_listener_inside_a_container_is_named_with_its_container()
    {
        var port = FreePort.Tcp();
        var name = Unique("host-net");
        Engine.RunContainer("--name", name, "--network", "host", DockerEngine.Image, "busybox", "httpd", "-f", "-p", "127.0.0.1:" + Text(port), "-h", "/www");

        var row = Assert.Single(Until(new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false }, "the container's httpd listening"));

        Assert.Equal(("busybox", name), (row.Process, row.Container));
        Assert.Null(row.Service);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public void A_docker_proxy_listener_is_named_with_the_container_whose_port_it_publishes()
    {
        var port = FreePort.Tcp();
        var name = Unique("published");
        Engine.RunWebServer($"127.0.0.1:{Text(port)}:8080", name: name);
        Engine.RunWebServer($"127.0.0.1:{Text(FreePort.Tcp())}:8080", name: Unique("other")); // another publisher, another port

        var row = Assert.Single(Until(new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false }, "docker-proxy listening"));

        Assert.Equal(("docker-proxy", name), (row.Process, row.Container));
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public void Rows_found_through_the_containers_network_namespace_are_named_with_it()
    {
        var name = Unique("netns");
        Engine.RunWebServer($"127.0.0.1:{Text(FreePort.Tcp())}:8080", name: name);
        var pid = int.Parse(Engine.Docker("inspect", "-f", "{{.State.Pid}}", name).EnsureSuccess("docker inspect").Output.Trim(), CultureInfo.InvariantCulture);

        var rows = Until(new ListenerScanOptions { Ports = new[] { 8080 }, IncludeUdp = false, NetworkNamespaceOf = pid }, "httpd listening inside");
        var unowned = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { 8080 }, IncludeUdp = false, NetworkNamespaceOf = pid, ResolveOwners = false, ContainerEngines = Engines }, CancellationToken.None);

        Assert.Equal(name, Assert.Single(rows).Container);
        Assert.Equal(name, Assert.Single(unowned.Listeners).Container); // -NoProcess: the namespace still names it
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public void Without_an_answering_engine_the_container_is_empty_and_nothing_fails()
    {
        var port = FreePort.Tcp();
        Engine.RunContainer("--name", Unique("silent"), "--network", "host", DockerEngine.Image, "busybox", "httpd", "-f", "-p", "127.0.0.1:" + Text(port), "-h", "/www");
        var options = new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false, ContainerEngines = () => new[] { DockerEndpoint.Parse("unix:///nonexistent/docker.sock") } };
        Eventually.True(() => ListenerScanner.Scan(options, CancellationToken.None).Listeners.Count > 0, TimeSpan.FromSeconds(30), "listening");

        var row = Assert.Single(ListenerScanner.Scan(options, CancellationToken.None).Listeners);

        Assert.Equal("busybox", row.Process);
        Assert.Null(row.Container);
    }

    public void Dispose() => output.WriteLine("dockerd log (tail):\n" + EngineFolder.Tail(() => Engine.Log));

    private IReadOnlyList<DockerEndpoint> Engines() => new[] { DockerEndpoint.Parse(Engine.Endpoint) };

    private IReadOnlyList<LoopbackListener> Until(ListenerScanOptions options, string what)
    {
        options.ContainerEngines = Engines;
        IReadOnlyList<LoopbackListener> rows = Array.Empty<LoopbackListener>();
        Eventually.True(() => (rows = ListenerScanner.Scan(options, CancellationToken.None).Listeners).Count > 0 && rows.All(r => r.ProcessId is not null), TimeSpan.FromSeconds(30), what);
        return rows;
    }

    private static string Unique(string prefix) => "lbt-" + prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private static string Text(int port) => port.ToString(CultureInfo.InvariantCulture);
}
