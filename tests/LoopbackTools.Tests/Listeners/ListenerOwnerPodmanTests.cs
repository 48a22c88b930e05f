using System.Globalization;
using LoopbackTools.Containers;
using LoopbackTools.Listeners;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Listeners;

/// <summary>Container names of listener owners against podman's API service (cgroupfs manager: libpod-&lt;id&gt;).</summary>
[Collection(PodmanCollection.Name)]
public sealed class ListenerOwnerPodmanTests(PodmanFixture podman, ITestOutputHelper output) : IDisposable
{
    [RequiresFact("podman", "busybox")]
    public void A_listener_inside_a_podman_container_is_named_with_its_container()
    {
        var port = FreePort.Tcp();
        var name = "lbt-phost-" + Guid.NewGuid().ToString("N")[..8];
        podman.Engine.Podman("run", "-d", "--name", name, "--network", "host", PodmanEngine.Image, "busybox", "httpd", "-f", "-p", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-h", "/www").EnsureSuccess("podman run");
        var options = new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false, ContainerEngines = () => new[] { DockerEndpoint.Parse(podman.Engine.Endpoint) } };
        // Until the owner is named: the engine lookup has a 3 s budget per scan, which a loaded machine can miss once.
        LoopbackListener? row = null;
        Eventually.True(() => (row = NamedRow(options)) is not null, TimeSpan.FromSeconds(30), "the container's httpd listening, its container named");

        Assert.Equal(("busybox", name), (row!.Process, row.Container));
    }

    [RequiresFact("podman", "busybox")]
    public void The_process_holding_a_published_port_is_named_with_the_publishing_container()
    {
        var port = FreePort.Tcp();
        var name = "lbt-ppub-" + Guid.NewGuid().ToString("N")[..8];
        podman.Engine.RunWebServer($"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}:8080", name: name);
        var options = new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false, ContainerEngines = () => new[] { DockerEndpoint.Parse(podman.Engine.Endpoint) } };
        LoopbackListener? row = null;
        Eventually.True(() => (row = NamedRow(options)) is not null, TimeSpan.FromSeconds(30), "the host port held, its container named");
        output.WriteLine($"host port {port} held by {row!.Process} ({row.ProcessId})");

        Assert.True(LoopbackTools.Listeners.Owners.EngineProxy.IsProxy(row.Process), row.Process + " holds the port"); // conmon, in podman 4 rootful
        Assert.Equal(name, row.Container);
    }

    // The one row of the port once its owner and the owner's container are known, else null.
    private static LoopbackListener? NamedRow(ListenerScanOptions options)
    {
        var rows = ListenerScanner.Scan(options, CancellationToken.None).Listeners;
        return rows.Count == 1 && rows[0].ProcessId is not null && rows[0].Container is not null ? rows[0] : null;
    }

    public void Dispose() => output.WriteLine("podman service log (tail):\n" + EngineFolder.Tail(() => podman.Engine.Log));
}
