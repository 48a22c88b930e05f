namespace LoopbackTools.Tests.Components;

/// <summary>
/// A real dockerd with its own data root and socket, started without touching iptables or
/// forwarding, plus a registry-free busybox image (ci-bb:1) imported from the local busybox-static.
/// </summary>
public sealed class DockerEngine : IDisposable
{
    public const string Image = BusyboxImage.Name;
    private readonly BackgroundProcess _daemon;
    private readonly string _root;

    public DockerEngine()
    {
        Component.Require(new[] { "dockerd", "docker", "busybox" }, needsRoot: true);
        _root = Directory.CreateTempSubdirectory("lbt-d-").FullName;
        SocketPath = Path.Combine(_root, "docker.sock");
        _daemon = new BackgroundProcess("dockerd", new[]
        {
            "--iptables=false", "--ip6tables=false", "--ip-forward=false", "--data-root", Path.Combine(_root, "data"),
            "--exec-root", Path.Combine(_root, "exec"), "-H", "unix://" + SocketPath, "--pidfile", Path.Combine(_root, "docker.pid"),
        });
        _daemon.WaitUntil(() => File.Exists(SocketPath) && Docker("version").ExitCode == 0, TimeSpan.FromSeconds(60), "accepting API calls");
        ImportImage();
    }

    public string SocketPath { get; }

    /// <summary>The DOCKER_HOST form of the endpoint.</summary>
    public string Endpoint => "unix://" + SocketPath;

    public string Log => _daemon.Log;

    /// <summary>Runs the docker CLI against this engine.</summary>
    public ProcessResult Docker(params string[] args) =>
        Run.Command(Component.Find("docker")!, new[] { "-H", Endpoint }.Concat(args), TimeSpan.FromSeconds(60));

    /// <summary>Starts a detached container from <see cref="Image"/> and returns its id.</summary>
    public string RunContainer(params string[] args)
    {
        var result = Docker(new[] { "run", "-d", "--pull=never" }.Concat(args).ToArray()).EnsureSuccess("docker run");
        return result.Output.Trim();
    }

    /// <summary>A busybox httpd serving "hello from ci-bb" on <paramref name="bindInside"/>:8080 inside.</summary>
    public string RunWebServer(string publish, string bindInside = "0.0.0.0", string? name = null) =>
        RunContainer(BusyboxImage.WebServerArguments(publish, bindInside, name));

    public void Dispose() => EngineFolder.TearDown(
        () =>
        {
            var ids = Docker("ps", "-aq").Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            if (ids.Length > 0)
            {
                Docker(new[] { "rm", "-f" }.Concat(ids).ToArray());
            }
        },
        _daemon,
        _root,
        "exec");

    private void ImportImage() => Docker("import", BusyboxImage.BuildTar(_root), Image).EnsureSuccess("docker import");
}
