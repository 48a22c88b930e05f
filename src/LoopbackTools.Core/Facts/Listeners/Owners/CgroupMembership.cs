namespace LoopbackTools.Listeners.Owners;

/// <summary>What a process's cgroup path says about it: the container it runs in and the systemd service holding it.</summary>
internal sealed class CgroupMembership
{
    public static readonly CgroupMembership None = new(null, null, null);

    public CgroupMembership(string? containerId, ContainerEngineFamily? engine, string? service)
    {
        ContainerId = containerId;
        Engine = engine;
        Service = service;
    }

    /// <summary>The 64-hex-digit id from docker-&lt;id&gt;.scope, /docker/&lt;id&gt; or libpod-&lt;id&gt;; null outside a container.</summary>
    public string? ContainerId { get; }

    public ContainerEngineFamily? Engine { get; }

    /// <summary>The innermost systemd .service unit, e.g. nginx.service; null when the innermost unit is a scope.</summary>
    public string? Service { get; }
}
