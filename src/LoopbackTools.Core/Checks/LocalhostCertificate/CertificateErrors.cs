using LoopbackTools.Diagnostics;

namespace LoopbackTools.Certificate;

/// <summary>The stable ErrorIds of Test-LocalhostCertificate: the handshake that would show a certificate did not happen.</summary>
internal static class CertificateErrors
{
    public const string NotTlsId = "Certificate.NotTls";
    public const string HandshakeFailedId = "Certificate.HandshakeFailed";
    public const string NoConnectionId = "Certificate.NoConnection";

    public static LoopbackToolsException NotTls(string target, string name, int port, string detail) => new(
        NotTlsId,
        ErrorKind.InvalidData,
        $"{target} does not speak TLS: the ClientHello got {detail} - use http://{name}:{port}/.",
        $"This port serves plain HTTP (or another protocol): use http://{name}:{port}/, or point the check at the HTTPS port.",
        target);

    public static LoopbackToolsException HandshakeFailed(string target, string detail) => new(
        HandshakeFailedId,
        ErrorKind.ConnectionError,
        $"The TLS handshake with {target} did not complete: {detail}.",
        "Check the server's TLS configuration (its certificate and key, the protocol versions it allows) and its log.",
        target);

    public static LoopbackToolsException NoConnection(string target, string detail) => new(
        NoConnectionId,
        ErrorKind.ConnectionError,
        $"No TLS server could be reached at {target}: {detail}.",
        "Start the server, or check its port; Test-LocalhostConnection shows why a port does not accept.",
        target);
}
