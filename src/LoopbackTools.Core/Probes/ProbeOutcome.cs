namespace LoopbackTools.Sockets;

/// <summary>
/// The one classification of a socket exchange with a deadline (connect, then optionally send and read). Each check
/// maps it to its public enum where it builds rows: <see cref="ConnectOutcome"/> (a connection) and
/// <see cref="PortReachability"/> (a request) — see <see cref="ProbeOutcomes"/>.
/// </summary>
internal enum ProbeOutcome
{
    /// <summary>Connected, and the exchange (if any) completed.</summary>
    Accepted,

    /// <summary>Refused at connect: nothing listens on that address and port.</summary>
    Refused,

    /// <summary>Connected, then reset by the far end.</summary>
    Reset,

    /// <summary>Connected, then closed without a byte.</summary>
    EmptyReply,

    /// <summary>No connection, or no answer, before the deadline.</summary>
    TimedOut,

    /// <summary>The address cannot be used from here: no route, not this machine's, or no stack of that family.</summary>
    Unreachable,
}
