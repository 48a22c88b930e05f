using System;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Trust;

/// <summary>One place a client takes trusted certificates from, as read now.</summary>
internal sealed class TrustSource
{
    public TrustSource(string where, X509Certificate2[] certificates, string unreadable = "", bool publicRoots = false)
    {
        Where = where;
        Certificates = certificates ?? Array.Empty<X509Certificate2>();
        Unreadable = unreadable ?? string.Empty;
        PublicRoots = publicRoots;
    }

    /// <summary>The path or setting, with why the client reads it (e.g. "NODE_EXTRA_CA_CERTS=/x/ca.pem").</summary>
    public string Where { get; }

    public X509Certificate2[] Certificates { get; }

    /// <summary>Why it could not be read (missing file, no certutil); empty when read.</summary>
    public string Unreadable { get; }

    /// <summary>A stand-in for roots compiled into the client (Node, Chromium, Firefox): the public CAs Mozilla's list holds.</summary>
    public bool PublicRoots { get; }
}
