using System.Collections.Generic;
using System.Linq;
using System.Net;
using LoopbackTools.Listeners;

namespace LoopbackTools.Connection;

/// <summary>Everything measured once for a name and port; each step judges a part of it.</summary>
internal sealed class ConnectionFacts
{
    public ConnectionFacts(string name, int port, IReadOnlyList<LoopbackListener>? listeners, string listenerFailure, IPAddress[] resolved, IReadOnlyList<ConnectAttempt> attempts, Binding.PortBindFacts? bindFacts = null)
    {
        BindFacts = bindFacts;
        Name = name;
        Port = port;
        Listeners = listeners;
        ListenerFailure = listenerFailure;
        Resolved = resolved;
        Attempts = attempts;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>TCP listeners on the port; null when the table cannot be read here.</summary>
    public IReadOnlyList<LoopbackListener>? Listeners { get; }

    public string ListenerFailure { get; }

    /// <summary>The OS resolver's addresses in order (IPv4-mapped ones unmapped).</summary>
    public IPAddress[] Resolved { get; }

    public IReadOnlyList<ConnectAttempt> Attempts { get; }

    /// <summary>When nothing listens: the sysctls, sockets and exclusions that decide whether a server may bind the port.</summary>
    public Binding.PortBindFacts? BindFacts { get; }

    public bool AnyListener => Listeners is { Count: > 0 };

    public IEnumerable<ConnectAttempt> AcceptedAttempts => Attempts.Where(a => a.Accepted);

    /// <summary>The listener a connection to <paramref name="target"/> reaches (exact bind over wildcard, as the kernel does).</summary>
    public LoopbackListener? Serving(IPAddress target) => Listeners is null ? null : ServingListener.Find(Listeners, target, Port);
}
