using System.Collections.Generic;
using System.Linq;
using System.Net;
using LoopbackTools.Listeners;

namespace LoopbackTools.Connection;

/// <summary>Everything measured once for a name and port; each step judges a part of it.</summary>
internal sealed class ConnectionFacts
{
    public ConnectionFacts(string name, int port, IReadOnlyList<LoopbackListener>? listeners, string listenerFailure, IPAddress[] resolved, IReadOnlyList<ConnectAttempt> attempts, Binding.PortBindFacts? bindFacts = null, IReadOnlyList<ConnectAttempt>? listenerAttempts = null, LoopbackState? loopback = null, Listeners.OtherNamespaceSweep? elsewhere = null, IReadOnlyList<ForwardedListener>? forwards = null, IPAddress? literal = null)
    {
        Literal = literal;
        Forwards = forwards ?? System.Array.Empty<ForwardedListener>();
        Elsewhere = elsewhere;
        Loopback = loopback;
        BindFacts = bindFacts;
        ListenerAttempts = listenerAttempts ?? System.Array.Empty<ConnectAttempt>();
        Name = name;
        Port = port;
        Listeners = listeners;
        ListenerFailure = listenerFailure;
        Resolved = resolved;
        Attempts = attempts;
    }

    public string Name { get; }

    /// <summary>The address when the name is an IP literal (used as is, never looked up); null for a host name.</summary>
    public IPAddress? Literal { get; }

    public int Port { get; }

    /// <summary>TCP listeners on the port; null when the table cannot be read here.</summary>
    public IReadOnlyList<LoopbackListener>? Listeners { get; }

    public string ListenerFailure { get; }

    /// <summary>The OS resolver's addresses in order (IPv4-mapped ones unmapped).</summary>
    public IPAddress[] Resolved { get; }

    public IReadOnlyList<ConnectAttempt> Attempts { get; }

    /// <summary>Connections to the addresses listeners are bound to that no attempt above tried (127.0.0.2, an interface address).</summary>
    public IReadOnlyList<ConnectAttempt> ListenerAttempts { get; }

    /// <summary>Listeners whose accept queue is over its limit: the kernel drops new connections to them.</summary>
    public IEnumerable<LoopbackListener> FullQueues => (Listeners ?? System.Array.Empty<LoopbackListener>()).Where(QueueFull);

    /// <summary>The kernel's own test (sk_acceptq_is_full): more waiting than the backlog allows, so listen(1) holds 2.</summary>
    public static bool QueueFull(LoopbackListener listener) => listener.AcceptQueue is int queue && listener.AcceptBacklog is int backlog && queue > backlog;

    /// <summary>When nothing listens: the sysctls, sockets and exclusions that decide whether a server may bind the port.</summary>
    public Binding.PortBindFacts? BindFacts { get; }

    /// <summary>Listeners that forward the port (ssh -L, socat, kubectl port-forward), each with a request sent through it.</summary>
    public IReadOnlyList<ForwardedListener> Forwards { get; }

    /// <summary>When nothing listens here: the port's listeners in the machine's other network namespaces; null when not looked.</summary>
    public Listeners.OtherNamespaceSweep? Elsewhere { get; }

    /// <summary>This namespace's loopback interface and IPv6 sysctls; null where not read (the container checks).</summary>
    public LoopbackState? Loopback { get; }

    /// <summary>What the loopback interface measurably does to a connection to <paramref name="target"/>; null when nothing.</summary>
    public string? LoopbackCause(IPAddress target) => Loopback?.CauseFor(target);

    /// <summary>The address the name resolves to that a server bound to <paramref name="bound"/> should move to: the first of its family.</summary>
    public IPAddress ResolvedLike(IPAddress bound) =>
        Resolved.FirstOrDefault(a => a.AddressFamily == bound.AddressFamily) ?? (Resolved.Length > 0 ? Resolved[0] : IPAddress.Loopback);

    public bool AnyListener => Listeners is { Count: > 0 };

    public IEnumerable<ConnectAttempt> AcceptedAttempts => Attempts.Where(a => a.Accepted);

    /// <summary>The listener a connection to <paramref name="target"/> reaches (exact bind over wildcard, as the kernel does).</summary>
    public LoopbackListener? Serving(IPAddress target) => Listeners is null ? null : ServingListener.Find(Listeners, target, Port);
}
