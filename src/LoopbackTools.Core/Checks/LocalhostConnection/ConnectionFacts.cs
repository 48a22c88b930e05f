using System.Collections.Generic;
using System.Linq;
using System.Net;
using LoopbackTools.Addressing;
using LoopbackTools.Resolution;

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
    public LoopbackListener? Serving(IPAddress target)
    {
        if (Listeners is null)
        {
            return null;
        }

        var bindings = new List<ListenerBinding>();
        var byBinding = new Dictionary<ListenerBinding, LoopbackListener>();
        foreach (var listener in Listeners)
        {
            if (AddressClassifier.TryParse(listener.LocalAddress, out var address))
            {
                var binding = new ListenerBinding(address!, listener.Port, listener.IsDualStack, listener.ProcessId, listener.Process ?? string.Empty);
                bindings.Add(binding);
                byBinding[binding] = listener;
            }
        }

        var served = LocalhostPortMatrix.Serving(bindings, target, Port);
        return served is null ? null : byBinding[served];
    }
}
