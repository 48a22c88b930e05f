namespace LoopbackTools.Dns;

/// <summary>How a query ended. Only <see cref="Answered"/> carries an RCODE and addresses.</summary>
public enum DnsQueryOutcome
{
    /// <summary>A well-formed response arrived (any RCODE).</summary>
    Answered,

    /// <summary>No matching response before the timeout.</summary>
    TimedOut,

    /// <summary>The server's port refused (ICMP port unreachable, TCP RST) or no route to it.</summary>
    Unreachable,

    /// <summary>A response arrived but failed validation; <see cref="DnsQueryResult.Reason"/> says why.</summary>
    Malformed,
}
