namespace LoopbackTools.Sockets;

/// <summary>What a forwarder's far end did with a connection through it (see <see cref="ForwarderProbe"/>).</summary>
internal enum ForwardReply
{
    /// <summary>The forwarder closed (or reset) the connection before any byte was sent: its connection to the far end failed.</summary>
    ClosedUnasked,

    /// <summary>A byte came back, unasked (a server that speaks first) or to the request.</summary>
    Answered,

    /// <summary>The connection stayed open, then closed only after the request: the far end took it and refused the request (not an HTTP server: redis closes on "Host:").</summary>
    ClosedAfterRequest,
}
