namespace LoopbackTools.Certificate;

/// <summary>How a TLS handshake attempt ended.</summary>
internal enum TlsHandshakeOutcome
{
    /// <summary>The handshake completed; the certificate was captured (and not judged: any certificate is accepted).</summary>
    Completed,

    /// <summary>The server answered with bytes that are not a TLS record (plain HTTP or another protocol).</summary>
    NotTls,

    /// <summary>The server speaks TLS but the handshake failed (an alert, no common protocol or cipher).</summary>
    Failed,

    /// <summary>Nothing accepted the connection.</summary>
    Refused,

    /// <summary>No answer before the deadline.</summary>
    TimedOut,

    /// <summary>Closed or reset without a byte.</summary>
    Closed,
}
