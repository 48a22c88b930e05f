using System.Linq;
using System.Security.Cryptography.X509Certificates;
using LoopbackTools.Trust;

namespace LoopbackTools.Certificate;

/// <summary>
/// A client's path from the leaf to something it trusts, built as OpenSSL, NSS and .NET do without downloading:
/// through the certificates the server sent, by issuer name and key identifier, to an authority found in one of the
/// client's sources. Signatures are not re-checked: the handshake already proved the leaf's key, and a look-alike CA
/// with the same name and key identifier is not a local-development failure mode.
/// </summary>
internal sealed class TrustPath
{
    private TrustPath(bool trusted, string anchor, string source, X509Certificate2 top, bool issuerMissing)
    {
        Trusted = trusted;
        Anchor = anchor;
        Source = source;
        Top = top;
        IssuerMissing = issuerMissing;
    }

    public bool Trusted { get; }

    /// <summary>The trusted authority's name (when trusted).</summary>
    public string Anchor { get; }

    /// <summary>Where the client found it (when trusted).</summary>
    public string Source { get; }

    /// <summary>The last certificate reached: the one the client would need to trust (or whose issuer it needs).</summary>
    public X509Certificate2 Top { get; }

    /// <summary>The walk stopped at a certificate whose issuer was neither sent nor trusted.</summary>
    public bool IssuerMissing { get; }

    public static TrustPath Walk(X509Certificate2 leaf, X509Certificate2[] sent, ClientTrust trust)
    {
        var current = leaf;
        for (var hop = 0; hop < 8; hop++)
        {
            foreach (var source in trust.Sources)
            {
                if (source.Certificates.Any(c => CertificateFiles.SameAuthority(c, current)))
                {
                    return new TrustPath(true, CertificateFields.CommonName(current), source.Where, current, false);
                }

                var issuer = source.Certificates.FirstOrDefault(c => CertificateFields.Issued(c, current));
                if (issuer is not null)
                {
                    return new TrustPath(true, CertificateFields.CommonName(issuer), source.Where, issuer, false);
                }
            }

            if (CertificateFields.SelfIssued(current))
            {
                return new TrustPath(false, string.Empty, string.Empty, current, false);
            }

            var next = sent.FirstOrDefault(c => c.Thumbprint != current.Thumbprint && CertificateFields.Issued(c, current));
            if (next is null)
            {
                return new TrustPath(false, string.Empty, string.Empty, current, true);
            }

            current = next;
        }

        return new TrustPath(false, string.Empty, string.Empty, current, false);
    }
}
