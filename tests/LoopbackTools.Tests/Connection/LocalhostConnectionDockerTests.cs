using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Connection;

/// <summary>The Container step against a real dockerd (docker-proxy holds the host port: the fixture runs without iptables).</summary>
[Collection(DockerCollection.Name)]
public sealed class LocalhostConnectionDockerTests(DockerFixture docker, ITestOutputHelper output)
{
    private DockerEngine Engine => docker.Engine;

    [RequiresFact("dockerd", "docker", "busybox", "unshare")]
    public void A_container_app_bound_to_its_own_loopback_behind_a_published_port_fails_the_container_step()
    {
        var port = FreePort.Tcp();
        var name = "lbt-conn-lo-" + Guid.NewGuid().ToString("N")[..6];
        Engine.RunWebServer($"127.0.0.1:{port}:8080", bindInside: "127.0.0.1", name: name);

        var report = Until(port, r => r[ConnectionStep.Container].Evidence.Any(e => e.Contains("app bound 127.0.0.1", StringComparison.Ordinal)));

        var listener = report[ConnectionStep.Listener];
        Assert.Equal(ConnectionStatus.Pass, listener.Status);
        Assert.StartsWith("docker-proxy (pid ", listener.Finding, StringComparison.Ordinal);
        Assert.EndsWith("for a container - the Container step checks the container behind it", listener.Finding, StringComparison.Ordinal);
        var container = report[ConnectionStep.Container];
        Assert.Equal(ConnectionStatus.Fail, container.Status);
        Assert.StartsWith($"container {name} (Docker ", container.Finding, StringComparison.Ordinal);
        Assert.Contains($"publishes port {port} from its port 8080: the app listens on 127.0.0.1:8080, the container's own loopback: bind it to 0.0.0.0", container.Finding, StringComparison.Ordinal);
        Assert.False(report.Healthy);
    }

    [RequiresFact("dockerd", "docker", "busybox", "unshare")]
    public void A_healthy_container_with_Http_passes_the_container_and_http_steps()
    {
        var port = FreePort.Tcp();
        var name = "lbt-conn-web-" + Guid.NewGuid().ToString("N")[..6];
        Engine.RunWebServer($"127.0.0.1:{port}:8080", name: name);

        var report = Until(port, r => r[ConnectionStep.Http].Status == ConnectionStatus.Pass, "--http");

        var container = report[ConnectionStep.Container];
        Assert.Equal(ConnectionStatus.Pass, container.Status);
        Assert.Equal($"container {name} ({container.Finding.Split('(', ')')[1]}) publishes port {port} from its port 8080: reachable at 127.0.0.1:{port}", container.Finding);
        Assert.EndsWith("answers HTTP/1.1 200 OK", report[ConnectionStep.Http].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Pass, report[ConnectionStep.Bind].Status);
        Assert.True(report.Healthy);
    }

    [RequiresFact("dockerd", "docker", "busybox", "unshare")]
    public void A_container_listening_on_the_port_without_publishing_it_is_named_your_localhost_is_not_theirs()
    {
        var port = FreePort.Tcp();
        var name = "lbt-conn-nop-" + Guid.NewGuid().ToString("N")[..6];
        Engine.RunContainer("--name", name, BusyboxImage.Name, "busybox", "httpd", "-f", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", "/www");

        var report = Until(port, r => r[ConnectionStep.Listener].Finding.Contains("your localhost is not theirs", StringComparison.Ordinal));

        var listener = report[ConnectionStep.Listener];
        Assert.Equal(ConnectionStatus.Fail, listener.Status);
        Assert.Contains($" in container {name} (net:[", listener.Finding, StringComparison.Ordinal);
        Assert.Contains($": your localhost is not theirs - publish it (docker run -p 127.0.0.1:{port}:{port} ...; {name} has no such -p), or run the client in that namespace (nsenter -n -t ", listener.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("dockerd", "docker", "unshare")]
    public void A_port_no_container_publishes_skips_the_container_step_naming_the_engine()
    {
        var port = FreePort.Tcp();

        var report = ConnectionProbe.Run(ConnectionProbe.BothFamilies, port, "--engine", Engine.Endpoint);

        var container = report[ConnectionStep.Container];
        Assert.Equal(ConnectionStatus.Skipped, container.Status);
        Assert.StartsWith("no running container on Docker ", container.Finding, StringComparison.Ordinal);
        Assert.Contains($"({Engine.Endpoint}) publishes port {port}", container.Finding, StringComparison.Ordinal);
    }

    /// <summary>The probe, again until the container has started its app (busybox needs a moment after docker run).</summary>
    private ConnectionProbe.Report Until(int port, Func<ConnectionProbe.Report, bool> ready, params string[] arguments)
    {
        var args = new[] { "--engine", Engine.Endpoint, "--timeout-ms", "1000" }.Concat(arguments).ToArray();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (true)
        {
            // The containers publish on 127.0.0.1 only: with an IPv6-first localhost the Connect step would (rightly) fail.
            var report = ConnectionProbe.Run(ConnectionProbe.IPv4Only, port, args);
            if (ready(report) || DateTime.UtcNow > deadline)
            {
                output.WriteLine(report.ToString());
                return report;
            }

            Thread.Sleep(200);
        }
    }
}
