namespace LoopbackTools;

/// <summary>
/// One container port (one row per host binding, IPv4 and IPv6): whether the container runs, the port is exposed
/// and published, where the app inside listens, what a real request from the host got, and the verdict.
/// </summary>
public sealed class ContainerPortResult
{
    public ContainerPortResult(
        string container,
        string containerId,
        string engine,
        int containerPort,
        string protocol,
        bool published,
        string hostIp,
        int hostPort,
        string appBindAddress,
        AppBindScope appBindScope,
        PortReachability reachable,
        ContainerPortStatus status,
        string finding)
    {
        Container = container;
        ContainerId = containerId;
        Engine = engine;
        ContainerPort = containerPort;
        Protocol = protocol;
        Published = published;
        HostIp = hostIp;
        HostPort = hostPort;
        AppBindAddress = appBindAddress;
        AppBindScope = appBindScope;
        Reachable = reachable;
        Status = status;
        Finding = finding;
    }

    /// <summary>The container's name (without the leading '/').</summary>
    public string Container { get; }

    /// <summary>The full 64-hex id.</summary>
    public string ContainerId { get; }

    /// <summary>"Docker 28.2.2", "Podman 4.3.1"...</summary>
    public string Engine { get; }

    /// <summary>0 when the container has no ports at all.</summary>
    public int ContainerPort { get; }

    public string Protocol { get; }

    public bool Published { get; }

    /// <summary>The host address of the binding ("0.0.0.0", "::", "127.0.0.1"...); empty when not published.</summary>
    public string HostIp { get; }

    /// <summary>0 when not published.</summary>
    public int HostPort { get; }

    /// <summary>Addresses the app listens on inside, comma-separated; empty when none or unknown.</summary>
    public string AppBindAddress { get; }

    public AppBindScope AppBindScope { get; }

    public PortReachability Reachable { get; }

    public ContainerPortStatus Status { get; }

    /// <summary>What is wrong and how to fix it, or what works.</summary>
    public string Finding { get; }

    public override string ToString() => $"{Container} {ContainerPort}/{Protocol}: {Status} {Finding}";
}
