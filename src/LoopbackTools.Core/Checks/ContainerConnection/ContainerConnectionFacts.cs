using System.Collections.Generic;
using System.Linq;
using System.Net;
using LoopbackTools.Connection;
using LoopbackTools.Containers;
using LoopbackTools.Listeners;

namespace LoopbackTools.ContainerConnection;

/// <summary>Everything measured once for one check; each step judges a part of it.</summary>
internal sealed class ContainerConnectionFacts
{
    public ContainerConnectionFacts(
        EngineInfo engine,
        ContainerSide source,
        ContainerTargetKind kind,
        string targetName,
        ContainerSide? target,
        int port,
        (IReadOnlyList<LoopbackListener>? Listeners, string Failure) inside,
        (IReadOnlyList<LoopbackListener>? Listeners, string Failure) atTarget,
        NameLookup lookup,
        (IPAddress Gateway, string Interface)? defaultRoute,
        IReadOnlyDictionary<string, string> hostAddresses,
        IReadOnlyList<ConnectAttempt> attempts)
    {
        Engine = engine;
        Source = source;
        Kind = kind;
        TargetName = targetName;
        Target = target;
        Port = port;
        Inside = inside.Listeners;
        InsideFailure = inside.Failure;
        AtTarget = atTarget.Listeners;
        AtTargetFailure = atTarget.Failure;
        Lookup = lookup;
        DefaultRoute = defaultRoute;
        HostAddresses = hostAddresses;
        Attempts = attempts;
    }

    public EngineInfo Engine { get; }

    /// <summary>The container the connection starts from.</summary>
    public ContainerSide Source { get; }

    public ContainerTargetKind Kind { get; }

    /// <summary>The name the app connects to (host.docker.internal when the target is the host).</summary>
    public string TargetName { get; }

    /// <summary>The target container, when the target is one (by name, alias, or the address the name resolved to).</summary>
    public ContainerSide? Target { get; }

    public int Port { get; }

    /// <summary>TCP listeners on the port in the source container's namespace; null when unreadable.</summary>
    public IReadOnlyList<LoopbackListener>? Inside { get; }

    public string InsideFailure { get; }

    /// <summary>The host's listeners on the port (host target) or the target container's (container target); null when unreadable or not asked.</summary>
    public IReadOnlyList<LoopbackListener>? AtTarget { get; }

    public string AtTargetFailure { get; }

    public NameLookup Lookup { get; }

    public (IPAddress Gateway, string Interface)? DefaultRoute { get; }

    /// <summary>This host's interface addresses (the seal's, in tests) and the interface holding each.</summary>
    public IReadOnlyDictionary<string, string> HostAddresses { get; }

    public IReadOnlyList<ConnectAttempt> Attempts { get; }

    public string From => Source.Name;

    /// <summary>The name of the host as this engine's containers reach it.</summary>
    public string HostName => HostNames.For(Engine);

    public bool AnyAccepted => Attempts.Any(a => a.Accepted);

    /// <summary>The host-side interfaces a packet from the container crosses: the bridges that hold its networks' gateways.</summary>
    public IReadOnlyList<string> Bridges => Source.Gateways.Select(g => HostAddresses.TryGetValue(g, out var nic) ? nic : null).OfType<string>().Distinct().ToList();

    /// <summary>The host listener a connection to <paramref name="target"/> reaches (exact bind over wildcard), as Test-LocalhostConnection judges it.</summary>
    public LoopbackListener? HostListenerFor(IPAddress target) =>
        AtTarget is null ? null : ServingListener.Find(AtTarget, target, Port);
}
