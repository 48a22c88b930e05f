namespace LoopbackTools;

/// <summary>How a check came out; the finding says why.</summary>
public enum ResolutionStatus
{
    /// <summary>Nothing to fix at this layer.</summary>
    Pass,

    /// <summary>Works, but some clients will be surprised (a missing family, a wildcard bind).</summary>
    Warn,

    /// <summary>Broken: some clients will not reach the server, or localhost leaves loopback.</summary>
    Fail,

    /// <summary>The check itself could not run (unreadable hosts file, no DNS server configured).</summary>
    Error,
}
