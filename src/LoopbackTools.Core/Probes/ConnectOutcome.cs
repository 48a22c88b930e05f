namespace LoopbackTools;

/// <summary>What a TCP connection attempt to one address got.</summary>
public enum ConnectOutcome
{
    /// <summary>The handshake completed: something listens there.</summary>
    Accepted,

    /// <summary>Reset at once: nothing listens on that address and port.</summary>
    Refused,

    /// <summary>No reply before the timeout: dropped by a firewall, or a full backlog.</summary>
    TimedOut,

    /// <summary>The address cannot be reached from here (for example ::1 on a machine without IPv6).</summary>
    Unreachable,
}
