namespace LoopbackTools.Judges;

/// <summary>What connecting to a name's addresses (and to the ones tried anyway) showed, worst first.</summary>
internal enum ConnectShape
{
    /// <summary>No connection was made (no address to try).</summary>
    NoAttempt,

    /// <summary>No address accepts at all.</summary>
    NothingAccepts,

    /// <summary>The name's first address does not accept, another address does: the first-address trap.</summary>
    FirstAddressFails,

    /// <summary>The name resolves to nothing, but an address tried anyway (127.0.0.1, ::1, a gateway) accepts.</summary>
    NameDoesNotResolve,

    /// <summary>The first address accepts, a later one does not.</summary>
    LaterAddressFails,

    /// <summary>Every address of the name accepts.</summary>
    EveryAddressAccepts,
}
