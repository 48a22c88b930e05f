namespace LoopbackTools;

/// <summary>What a probe with a deadline got: the one probe outcome (Test-ContainerPort's Reachable: a real request to a published port).</summary>
public enum PortReachability
{
    /// <summary>No request was sent (not running, not published, not TCP).</summary>
    NotTested,

    /// <summary>Connected and the exchange completed (a request: the far end answered with bytes): something is serving.</summary>
    Accepted,

    /// <summary>The connection was refused: nothing listens on the host port.</summary>
    Refused,

    /// <summary>Connected, then reset: typical of Docker's proxy when the app inside listens only on its own loopback.</summary>
    Reset,

    /// <summary>Connected, then closed without a byte: the same proxy symptom, or an app that hangs up.</summary>
    EmptyReply,

    /// <summary>No connection, or no answer, within the time limit.</summary>
    TimedOut,

    /// <summary>The host address cannot be used from here (no route, or the address is not on this machine).</summary>
    Unreachable,
}
