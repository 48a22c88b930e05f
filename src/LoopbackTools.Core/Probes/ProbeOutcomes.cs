namespace LoopbackTools.Sockets;

/// <summary>The edges from the one probe outcome to the public enums that rows carry.</summary>
internal static class ProbeOutcomes
{
    /// <summary>A connection only: once connected, what came after is not a connect outcome.</summary>
    public static ConnectOutcome ToConnectOutcome(this ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Refused => ConnectOutcome.Refused,
        ProbeOutcome.TimedOut => ConnectOutcome.TimedOut,
        ProbeOutcome.Unreachable => ConnectOutcome.Unreachable,
        _ => ConnectOutcome.Accepted,
    };

    public static PortReachability ToPortReachability(this ProbeOutcome outcome) => outcome switch
    {
        ProbeOutcome.Accepted => PortReachability.Accepted,
        ProbeOutcome.Refused => PortReachability.Refused,
        ProbeOutcome.Reset => PortReachability.Reset,
        ProbeOutcome.EmptyReply => PortReachability.EmptyReply,
        ProbeOutcome.TimedOut => PortReachability.TimedOut,
        _ => PortReachability.Unreachable,
    };
}
