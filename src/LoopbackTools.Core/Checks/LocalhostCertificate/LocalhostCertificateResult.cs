using System;

namespace LoopbackTools;

/// <summary>
/// Test-LocalhostCertificate: whether one client family accepts the certificate a local HTTPS server presents,
/// why not, and what fixes it; the certificate's own fields ride along on every row.
/// </summary>
public sealed class LocalhostCertificateResult
{
    public LocalhostCertificateResult(string name, int port, TlsClient client, ConnectionStatus status, string finding, string[] evidence, string protocol, string subject, string issuer, DateTime notAfter, string[] dnsNames, string[] ipAddresses, string thumbprint)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Port = port;
        Client = client;
        Status = status;
        Finding = finding ?? string.Empty;
        Evidence = evidence ?? Array.Empty<string>();
        Protocol = protocol ?? string.Empty;
        Subject = subject ?? string.Empty;
        Issuer = issuer ?? string.Empty;
        NotAfter = notAfter;
        DnsNames = dnsNames ?? Array.Empty<string>();
        IPAddresses = ipAddresses ?? Array.Empty<string>();
        Thumbprint = thumbprint ?? string.Empty;
    }

    /// <summary>The name the client asks for (localhost unless -Name).</summary>
    public string Name { get; }

    public int Port { get; }

    public TlsClient Client { get; }

    /// <summary>Pass: this client accepts it; Warn: accepts, but it expires within 7 days; Fail: rejects; Skipped: not here, or cannot tell.</summary>
    public ConnectionStatus Status { get; }

    /// <summary>One sentence: what this client does with the certificate and, on Fail, the command that fixes it.</summary>
    public string Finding { get; }

    /// <summary>Where this client looked (and what it found there).</summary>
    public string[] Evidence { get; }

    /// <summary>The TLS version negotiated (Tls12, Tls13).</summary>
    public string Protocol { get; }

    public string Subject { get; }

    public string Issuer { get; }

    /// <summary>The end of the certificate's validity, in local time.</summary>
    public DateTime NotAfter { get; }

    public string[] DnsNames { get; }

    public string[] IPAddresses { get; }

    public string Thumbprint { get; }

    public override string ToString() => $"{Client} {Name}:{Port}: {Status} - {Finding}";
}
