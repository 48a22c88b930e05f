using System.Net.Sockets;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;
using LoopbackTools.Tests.Components;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Containers;

/// <summary>Every link of the chain against a real dockerd: each test starts the containers it needs.</summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerPortDockerTests(DockerFixture docker, ITestOutputHelper output) : IDisposable
{

    private DockerEngine Engine => docker.Engine;

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task Published_on_loopback_and_answering_passes()
    {
        var port = FreePort.Tcp();
        var name = Unique("web");
        Engine.RunWebServer($"127.0.0.1:{port}:8080", name: name);

        var row = Assert.Single(await CheckUntilListening(name));

        Assert.Equal((name, 8080, "tcp", true, "127.0.0.1", port), (row.Container, row.ContainerPort, row.Protocol, row.Published, row.HostIp, row.HostPort));
        Assert.Equal((AppBindScope.AllInterfaces, PortReachability.Accepted, ContainerPortStatus.Pass), (row.AppBindScope, row.Reachable, row.Status));
        Assert.Equal("::", row.AppBindAddress);
        Assert.Equal($"reachable at 127.0.0.1:{port}", row.Finding);
        Assert.StartsWith("Docker 20", row.Engine, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", row.ContainerId);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task An_app_bound_to_the_containers_loopback_fails_and_says_to_bind_0_0_0_0()
    {
        var port = FreePort.Tcp();
        var name = Unique("lo");
        Engine.RunWebServer($"127.0.0.1:{port}:8080", bindInside: "127.0.0.1", name: name);

        var row = Assert.Single(await CheckUntilListening(name));

        Assert.Equal((AppBindScope.Loopback, "127.0.0.1", ContainerPortStatus.Fail), (row.AppBindScope, row.AppBindAddress, row.Status));
        // Docker's proxy accepts, cannot reach the app, and drops the connection.
        Assert.Contains(row.Reachable, new[] { PortReachability.Reset, PortReachability.EmptyReply });
        Assert.StartsWith("the app listens on 127.0.0.1:8080, the container's own loopback: bind it to 0.0.0.0", row.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_published_port_the_app_does_not_listen_on_names_the_port_it_does_and_the_exact_p()
    {
        var port = FreePort.Tcp();
        var name = Unique("wrongp");
        Engine.RunContainer("--name", name, "-p", $"127.0.0.1:{port}:8080", DockerEngine.Image, "busybox", "httpd", "-f", "-p", "8081", "-h", "/www");

        var rows = await ContainerChecks.Until(Engine.Endpoint, new ContainerPortCheckOptions { Containers = new[] { name } }, r => r.Finding.Contains("the app listens on", StringComparison.Ordinal), output);

        var row = Assert.Single(rows);
        Assert.Equal((AppBindScope.NotListening, ContainerPortStatus.Fail), (row.AppBindScope, row.Status));
        Assert.StartsWith($"nothing listens on port 8080 inside the container; the app listens on port 8081 there - publish that port: -p 127.0.0.1:{port}:8081 (a request to 127.0.0.1:{port}: ", row.Finding, StringComparison.Ordinal);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task Exposed_but_not_published_warns_with_the_p_flag_to_add()
    {
        var name = Unique("exp");
        Engine.RunContainer("--name", name, "--expose", "8080", DockerEngine.Image, "busybox", "httpd", "-f", "-p", "8080", "-h", "/www");

        var row = Assert.Single(await CheckUntilListening(name));

        Assert.Equal((false, "", 0, PortReachability.NotTested, ContainerPortStatus.Warn), (row.Published, row.HostIp, row.HostPort, row.Reachable, row.Status));
        Assert.Equal(AppBindScope.AllInterfaces, row.AppBindScope);
        Assert.Equal("port 8080 is exposed but not published: add -p 8080:8080", row.Finding);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task Published_on_every_address_gives_an_ipv4_and_an_ipv6_row_that_warn_about_the_firewall()
    {
        var port = FreePort.Tcp();
        var name = Unique("any");
        Engine.RunWebServer($"{port}:8080", name: name);

        var rows = await CheckUntilListening(name);

        Assert.Equal(new[] { "0.0.0.0", "::" }, rows.Select(r => r.HostIp));
        Assert.All(rows, r =>
        {
            Assert.Equal((port, PortReachability.Accepted, ContainerPortStatus.Warn), (r.HostPort, r.Reachable, r.Status));
            Assert.Contains("reachable from the network, and Docker's rules bypass host firewalls (moby/moby#22054)", r.Finding, StringComparison.Ordinal);
        });
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task Published_on_ipv6_loopback_is_reached_over_ipv6_and_passes()
    {
        var port = FreePort.Tcp(System.Net.IPAddress.IPv6Loopback);
        var name = Unique("v6");
        Engine.RunWebServer($"[::1]:{port}:8080", name: name);

        var row = Assert.Single(await CheckUntilListening(name));

        Assert.Equal(("::1", port, PortReachability.Accepted, ContainerPortStatus.Pass), (row.HostIp, row.HostPort, row.Reachable, row.Status));
        Assert.Equal($"reachable at [::1]:{port}", row.Finding);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_stopped_container_fails_as_not_running_for_each_port_it_asked_for()
    {
        var name = Unique("stopped");
        Engine.Docker("create", "--name", name, "-p", $"127.0.0.1:{FreePort.Tcp()}:8080", DockerEngine.Image, "busybox", "httpd", "-f", "-p", "8080", "-h", "/www").EnsureSuccess("docker create");

        var row = Assert.Single((await Check(new ContainerPortCheckOptions { Containers = new[] { name } })).Single().Results);

        Assert.Equal((ContainerPortStatus.Fail, AppBindScope.Unknown, PortReachability.NotTested), (row.Status, row.AppBindScope, row.Reachable));
        Assert.Equal($"container is not running (created): start it with docker start {name}", row.Finding);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task An_unknown_container_is_a_container_not_found_error_next_to_the_others_results()
    {
        var name = Unique("known");
        Engine.RunWebServer($"127.0.0.1:{FreePort.Tcp()}:8080", name: name);

        var outcomes = await Check(new ContainerPortCheckOptions { Containers = new[] { "no-such-container-x", name } });

        Assert.Equal(DockerErrors.ContainerNotFoundId, outcomes[0].Error!.ErrorId);
        Assert.Contains("no-such-container-x", outcomes[0].Error!.Message, StringComparison.Ordinal);
        Assert.Empty(outcomes[0].Results);
        Assert.Null(outcomes[1].Error);
        Assert.Single(outcomes[1].Results);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_port_the_app_listens_on_but_nobody_published_is_named_with_the_fix()
    {
        var name = Unique("hidden");
        Engine.RunContainer("--name", name, DockerEngine.Image, "busybox", "httpd", "-f", "-p", "9090", "-h", "/www");
        var options = new ContainerPortCheckOptions { Containers = new[] { name }, Ports = new[] { 9090 } };

        var row = Assert.Single(await ContainerChecks.Until(Engine.Endpoint, options, r => r.AppBindScope != AppBindScope.NotListening, output));

        Assert.Equal((9090, false, ContainerPortStatus.Fail), (row.ContainerPort, row.Published, row.Status));
        Assert.Equal("the app listens on [::]:9090 inside, but port 9090 is neither exposed nor published: add -p 9090:9090", row.Finding);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task All_checks_every_running_container_with_progress_and_only_broken_ones_are_not_pass()
    {
        var good = Unique("all-good");
        var bad = Unique("all-bad");
        Engine.RunWebServer($"127.0.0.1:{FreePort.Tcp()}:8080", name: good);
        Engine.RunWebServer($"127.0.0.1:{FreePort.Tcp()}:8080", bindInside: "127.0.0.1", name: bad);
        Engine.Docker("create", "--name", Unique("all-stopped"), DockerEngine.Image, "busybox", "true").EnsureSuccess("docker create");
        var progress = new ProgressLog();
        var options = new ContainerPortCheckOptions { All = true, MaxConcurrency = 2 };
        IReadOnlyList<ContainerCheckOutcome> outcomes = Array.Empty<ContainerCheckOutcome>();
        Eventually.True(() =>
        {
            outcomes = Checker().CheckAsync(options, progress, CancellationToken.None).GetAwaiter().GetResult();
            return outcomes.SelectMany(o => o.Results).Where(r => r.Container == good || r.Container == bad).All(r => r.AppBindScope != AppBindScope.NotListening);
        }, TimeSpan.FromSeconds(20), "both apps listening");

        var rows = outcomes.SelectMany(o => o.Results).ToList();
        Assert.All(outcomes, o => Assert.Null(o.Error));
        Assert.DoesNotContain(rows, r => r.Container.Contains("all-stopped", StringComparison.Ordinal));
        var notPass = rows.Where(r => r.Status != ContainerPortStatus.Pass).Select(r => r.Container).ToList();
        Assert.Contains(bad, notPass);
        Assert.DoesNotContain(good, notPass);
        var last = progress.Reports[^1];
        Assert.Equal((outcomes.Count, outcomes.Count), (last.Completed, last.Total));
    }

    [RequiresFact("dockerd", "docker", "busybox", "setpriv")]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public void A_caller_who_may_not_open_the_engine_socket_gets_permission_denied_with_the_remedy()
    {
        var folder = Directory.CreateTempSubdirectory("lbt-perm-").FullName;
        try
        {
            File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
            var path = Path.Combine(folder, "docker.sock");
            using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);

            var result = ContainerProbeRunner.Run(asNobody: true, "check", "--engine", "unix://" + path, "--all");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("error Docker.PermissionDenied: Permission denied on the container engine's endpoint", result.Error, StringComparison.Ordinal);
            Assert.Contains("docker group", result.Error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [RequiresFact("dockerd", "docker", "busybox", "setpriv")]
    public void The_probe_as_root_against_the_real_engine_reports_rows()
    {
        var name = Unique("probe");
        Engine.RunWebServer($"127.0.0.1:{FreePort.Tcp()}:8080", name: name);
        Eventually.True(() => ContainerProbeRunner.Run(false, "check", "--engine", Engine.Endpoint, "--name", name).Output.Contains("\tPass\t", StringComparison.Ordinal), TimeSpan.FromSeconds(30), "probe sees a passing row");
    }

    public void Dispose() => output.WriteLine("dockerd log (tail):\n" + EngineFolder.Tail(() => Engine.Log));

    private static string Unique(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];

    private ContainerPortChecker Checker() => ContainerChecks.Checker(Engine.Endpoint);

    private Task<IReadOnlyList<ContainerCheckOutcome>> Check(ContainerPortCheckOptions options) => Checker().CheckAsync(options, null, CancellationToken.None);

    private Task<IReadOnlyList<ContainerPortResult>> CheckUntilListening(string name) => ContainerChecks.UntilListening(Engine.Endpoint, name, output);
}
