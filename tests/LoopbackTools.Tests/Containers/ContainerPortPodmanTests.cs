using LoopbackTools.Containers;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Containers;

/// <summary>The same checks against podman's API service, whose port forwarding refuses where Docker's proxy resets.</summary>
[Collection(PodmanCollection.Name)]
public sealed class ContainerPortPodmanTests(PodmanFixture podman, ITestOutputHelper output) : IDisposable
{

    [RequiresFact("podman", "busybox")]
    public async Task Podman_published_and_answering_passes_and_names_the_engine()
    {
        var port = FreePort.Tcp();
        var name = "pweb-" + Guid.NewGuid().ToString("N")[..8];
        podman.Engine.RunWebServer($"127.0.0.1:{port}:8080", name: name);

        var row = Assert.Single(await CheckUntilListening(name));

        Assert.StartsWith("Podman ", row.Engine, StringComparison.Ordinal);
        Assert.Equal(("127.0.0.1", port, AppBindScope.AllInterfaces, PortReachability.Accepted, ContainerPortStatus.Pass), (row.HostIp, row.HostPort, row.AppBindScope, row.Reachable, row.Status));
    }

    [RequiresFact("podman", "busybox")]
    public async Task Podman_with_the_app_on_the_containers_loopback_fails_and_the_host_port_refuses()
    {
        var port = FreePort.Tcp();
        var name = "plo-" + Guid.NewGuid().ToString("N")[..8];
        podman.Engine.RunWebServer($"127.0.0.1:{port}:8080", bindInside: "127.0.0.1", name: name);

        var row = Assert.Single(await CheckUntilListening(name));

        Assert.Equal((AppBindScope.Loopback, PortReachability.Refused, ContainerPortStatus.Fail), (row.AppBindScope, row.Reachable, row.Status));
        Assert.StartsWith("the app listens on 127.0.0.1:8080, the container's own loopback: bind it to 0.0.0.0", row.Finding, StringComparison.Ordinal);
    }

    public void Dispose() => output.WriteLine("podman service log (tail):\n" + EngineFolder.Tail(() => podman.Engine.Log));

    private Task<IReadOnlyList<ContainerPortResult>> CheckUntilListening(string name) => ContainerChecks.UntilListening(podman.Engine.Endpoint, name, output);
}
