namespace LoopbackTools.Dns;

/// <summary>How a query ended. Only <see cref="Answered"/> carries an RCODE and addresses.</summary>
public enum DnsQueryOutcome
{
    /// <summary>A well-formed response arrived (any RCODE).</summary>
    Answered,

    /// <summary>No matching response before the timeout (a closed UDP port looks the same: nothing answers).</summary>
    TimedOut,

    /// <summary>The server's TCP port refused or reset the connection, or there is no route to it.</summary>
    Unreachable,

    /// <summary>Responses arrived but none could be accepted (unparsable, or every one with a wrong query ID).</summary>
    Malformed,
}
