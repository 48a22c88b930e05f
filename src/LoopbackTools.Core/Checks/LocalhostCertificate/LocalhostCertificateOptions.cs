using System;

namespace LoopbackTools.Certificate;

/// <summary>What Test-LocalhostCertificate checks.</summary>
public sealed class LocalhostCertificateOptions
{
    public LocalhostCertificateOptions(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The name (or address) a client puts in its URL.</summary>
    public string Name { get; set; } = Resolution.LocalhostNames.Localhost;

    /// <summary>Bound on the lookup, the connection and the handshake.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The variables, home and path mappings the trust readers see; this process's own when null (tests give theirs).</summary>
    internal Trust.TrustEnvironment? Environment { get; set; }
}
