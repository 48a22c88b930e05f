using System.Net.Sockets;

namespace LoopbackTools.Listeners;

/// <summary>What <see cref="ListenerScanner.Scan"/> lists. Filters that need no owner run before the owner lookup.</summary>
public sealed class ListenerScanOptions
{
    /// <summary>Only these local ports; null or empty for all.</summary>
    public int[]? Ports { get; set; }

    public bool IncludeTcp { get; set; } = true;

    public bool IncludeUdp { get; set; } = true;

    /// <summary>Only this family (InterNetwork or InterNetworkV6); null for both.</summary>
    public AddressFamily? AddressFamily { get; set; }

    /// <summary>Only these scopes; null or empty for all.</summary>
    public BindScope[]? BindScopes { get; set; }

    /// <summary>Only sockets reachable from other machines (scope other than Loopback).</summary>
    public bool ExposedOnly { get; set; }

    /// <summary>Look up the owning process (the slow part). Forced on when a process filter is set.</summary>
    public bool ResolveOwners { get; set; } = true;

    /// <summary>Only sockets held by these process ids; null or empty for all.</summary>
    public int[]? ProcessIds { get; set; }

    /// <summary>Only sockets whose process name matches one of these wildcard patterns (* ? [a-z]), case-insensitive.</summary>
    public string[]? ProcessNames { get; set; }

    /// <summary>Linux: list the sockets of this process's network namespace (a container's init pid, for example).</summary>
    public int? NetworkNamespaceOf { get; set; }

    /// <summary>Tests: the engines asked for container names (default: DOCKER_HOST and the engines' usual sockets).</summary>
    internal System.Func<System.Collections.Generic.IReadOnlyList<Containers.DockerEndpoint>>? ContainerEngines { get; set; }

    /// <summary>Tests: skip netlink and read /proc/net/*, the fallback path.</summary>
    internal bool ForceProcfs { get; set; }
}
