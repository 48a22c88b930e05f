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

    /// <summary>The address, its verb and what usually causes it (a timeout on loopback is a filter or a full backlog).</summary>
    public static string Explained(IPAddress address, ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.TimedOut => $"{Said(address, outcome)}: a firewall drops the connection, or the backlog is full",
        ConnectOutcome.Unreachable => AddressSet.IsIPv6(address) && AddressClassifier.IsLoopback(address)
            ? $"{Said(address, outcome)}: IPv6 loopback is not configured here (IPv6 disabled?)"
            : $"{Said(address, outcome)} from here",
        _ => Said(address, outcome),
    };
}
