using System.Net;
using LoopbackTools.Addressing;
using LoopbackTools.Resolution;

namespace LoopbackTools.Judges;

/// <summary>How every check words a connection's outcome: "::1 refuses", and with -Why the likely cause.</summary>
internal static class ConnectWording
{
    /// <summary>The verb: "refuses", "times out", "is unreachable", "accepts".</summary>
    public static string Said(ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.Refused => "refuses",
        ConnectOutcome.TimedOut => "times out",
        ConnectOutcome.Unreachable => "is unreachable",
        _ => "accepts",
    };

    /// <summary>The address and its verb: "::1 refuses".</summary>
    public static string Said(IPAddress address, ConnectOutcome outcome) => $"{address} {Said(outcome)}";

    /// <summary>
    /// The address, its verb and what the outcome itself tells. A timeout is only "no answer": a packet filter and a
    /// full accept queue look alike from a connect, and the port matrix reads neither the rules nor the queue, so it
    /// names both as unread instead of blaming one (Test-LocalhostConnection's Firewall and Listener steps read them).
    /// </summary>
    public static string Explained(IPAddress address, ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.TimedOut => $"{Said(address, outcome)}: no answer came back; the packet filter rules and the listener's accept queue, which both look like this, were not read here - Test-LocalhostConnection reads them",
        ConnectOutcome.Unreachable => AddressSet.IsIPv6(address) && AddressClassifier.IsLoopback(address)
            ? $"{Said(address, outcome)}: no socket could reach ::1, so IPv6 loopback is not configured here"
            : $"{Said(address, outcome)} from here",
        _ => Said(address, outcome),
    };
}
