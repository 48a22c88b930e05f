namespace LoopbackTools.Tests.Components;

/// <summary>
/// A rootful podman API service (podman system service) with its own storage, run root, CNI network config and
/// IPAM state under a temp folder, plus the registry-free busybox image (ci-bb:1). Its bridge and port
/// forwarding rules live in the seal's network namespace only.
/// </summary>
public sealed class PodmanEngine : IDisposable
{
    public const string Image = BusyboxImage.Name;
    private readonly BackgroundProcess _service;
    private readonly string _root;
    private readonly Dictionary<string, string> _environment;

    public PodmanEngine()
    {
        Component.Require(new[] { "podman", "busybox" }, needsRoot: true);
        _root = Directory.CreateTempSubdirectory("lbt-p-").FullName;
        SocketPath = Path.Combine(_root, "podman.sock");
        var network = Directory.CreateDirectory(Path.Combine(_root, "net")).FullName;
        File.WriteAllText(Path.Combine(network, "lbt.conflist"), """
            {"cniVersion": "0.4.0", "name": "podman", "plugins": [
              {"type": "bridge", "bridge": "lbt-podman0", "isGateway": true, "ipMasq": true, "hairpinMode": true,
               "ipam": {"type": "host-local", "dataDir": "IPAM_DIR", "routes": [{"dst": "0.0.0.0/0"}],
                        "ranges": [[{"subnet": "10.89.0.0/24", "gateway": "10.89.0.1"}]]}},
              {"type": "portmap", "capabilities": {"portMappings": true}}]}
            """.Replace("IPAM_DIR", Path.Combine(_root, "ipam"), StringComparison.Ordinal));
        File.WriteAllText(Path.Combine(_root, "containers.conf"), $"""
            [engine]
            cgroup_manager = "cgroupfs"
            events_logger = "file"
            events_logfile_path = "{Path.Combine(_root, "events.log")}"
            [network]
            network_backend = "cni"
            network_config_dir = "{network}"
            """);
        _environment = new Dictionary<string, string> { ["CONTAINERS_CONF"] = Path.Combine(_root, "containers.conf") };
        _service = new BackgroundProcess("podman", GlobalArguments.Concat(new[] { "system", "service", "--time=0", Endpoint }), _environment);
        _service.WaitUntil(() => File.Exists(SocketPath), TimeSpan.FromSeconds(60), "listening on its socket");
        ImportImage();
    }

    public string SocketPath { get; }

    public string Endpoint => "unix://" + SocketPath;

    public string Log => _service.Log;

    private IEnumerable<string> GlobalArguments => new[]
    {
        "--root", Path.Combine(_root, "storage"), "--runroot", Path.Combine(_root, "run"), "--storage-driver", "vfs",
        "--tmpdir", Path.Combine(_root, "tmp"),
    };

    /// <summary>Runs the podman CLI on this service's storage.</summary>
    public ProcessResult Podman(params string[] args) =>
        Run.Command(Component.Find("podman")!, GlobalArguments.Concat(args), TimeSpan.FromSeconds(60), _environment);

    /// <summary>A busybox httpd serving "hello from ci-bb" on <paramref name="bindInside"/>:8080 inside.</summary>
    public string RunWebServer(string publish, string bindInside = "0.0.0.0", string? name = null) =>
        Podman(new[] { "run", "-d" }.Concat(BusyboxImage.WebServerArguments(publish, bindInside, name)).ToArray()).EnsureSuccess("podman run").Output.Trim();

    public void Dispose() => EngineFolder.TearDown(() => Podman("rm", "-f", "-t", "0", "-a"), _service, _root, "run");

    private void ImportImage() => Podman("import", BusyboxImage.BuildTar(_root), Image).EnsureSuccess("podman import");
}
