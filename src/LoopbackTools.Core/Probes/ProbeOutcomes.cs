namespace LoopbackTools.Sockets;

/// <summary>
/// The one probe outcome is <see cref="PortReachability"/> (what a deadline-bound exchange got); a connection-only
/// row carries <see cref="ConnectOutcome"/>, mapped here: once connected, what came after is not a connect outcome.
/// </summary>
internal static class ProbeOutcomes
{
    public static ConnectOutcome ToConnectOutcome(this PortReachability outcome) => outcome switch
    {
        PortReachability.Accepted or PortReachability.Reset or PortReachability.EmptyReply => ConnectOutcome.Accepted,
        PortReachability.Refused => ConnectOutcome.Refused,
        PortReachability.TimedOut => ConnectOutcome.TimedOut,
        _ => ConnectOutcome.Unreachable,
    };
}
