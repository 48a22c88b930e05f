using System;

namespace LoopbackTools;

/// <summary>One cell of the resolve-by-listen matrix: a TCP connection to one address of a name, and who listens there.</summary>
public sealed class LocalhostPortProbe
{
    public LocalhostPortProbe(string name, string address, int port, int resolvedOrder, ConnectOutcome outcome, string listenerAddress, string listenerProcess, ResolutionStatus status, string verdict)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Address = address ?? throw new ArgumentNullException(nameof(address));
        Port = port;
        ResolvedOrder = resolvedOrder;
        Outcome = outcome;
        ListenerAddress = listenerAddress ?? string.Empty;
        ListenerProcess = listenerProcess ?? string.Empty;
        Status = status;
        Verdict = verdict ?? string.Empty;
    }

    public string Name { get; }

    public string Address { get; }

    public int Port { get; }

    /// <summary>1 for the first address the OS resolver returned, 2 for the next...; 0 for 127.0.0.1 or ::1 checked although the name did not resolve to it.</summary>
    public int ResolvedOrder { get; }

    public ConnectOutcome Outcome { get; }

    /// <summary>Where the listener that serves this address is bound (<c>127.0.0.1</c>, <c>0.0.0.0</c>, <c>::</c>); <c>unknown</c> when the listener table could not be read; empty when nothing listens.</summary>
    public string ListenerAddress { get; }

    /// <summary>The listening process as <c>name (pid)</c>, when known.</summary>
    public string ListenerProcess { get; }

    public ResolutionStatus Status { get; }

    /// <summary>One sentence a person can act on.</summary>
    public string Verdict { get; }

    public override string ToString() => $"{Name} {Address}:{Port} {Outcome} - {Verdict}";
}
