using System;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Certificate;

/// <summary>What one TLS handshake saw: the protocol, the leaf and the certificates the server sent with it.</summary>
internal sealed class TlsHandshake
{
    public TlsHandshake(TlsHandshakeOutcome outcome, string detail, string protocol = "", X509Certificate2? leaf = null, X509Certificate2[]? sent = null, byte[]? firstBytes = null)
    {
        Outcome = outcome;
        Detail = detail;
        Protocol = protocol;
        Leaf = leaf;
        Sent = sent ?? Array.Empty<X509Certificate2>();
        FirstBytes = firstBytes ?? Array.Empty<byte>();
    }

    public TlsHandshakeOutcome Outcome { get; }

    /// <summary>Why it did not complete (the error, or the first bytes shown printable); empty when it did.</summary>
    public string Detail { get; }

    /// <summary>Tls12, Tls13... as SslStream names it.</summary>
    public string Protocol { get; }

    public X509Certificate2? Leaf { get; }

    /// <summary>The certificates the server sent after its leaf (intermediates, sometimes the root), in its order.</summary>
    public X509Certificate2[] Sent { get; }

    /// <summary>The first bytes the server wrote (up to 16): a reply that is not TLS is told by them.</summary>
    public byte[] FirstBytes { get; }

    /// <summary>The server replied to a ClientHello with an HTTP status line (or an HTTP 400 page).</summary>
    public bool AnsweredPlainHttp => FirstBytes.Length >= 5 && System.Text.Encoding.ASCII.GetString(FirstBytes, 0, 5) == "HTTP/";
}
