using System;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Certificate;

/// <summary>The development certificate makers people actually use, recognised by what they write into certificates.</summary>
internal enum DevelopmentAuthority
{
    None,

    /// <summary>dotnet dev-certs: a self-signed CN=localhost leaf with the ASP.NET Core HTTPS development extension.</summary>
    DotnetDevCerts,

    /// <summary>mkcert: leaves issued by a root whose organization is "mkcert development CA".</summary>
    Mkcert,
}

internal static class DevelopmentAuthorities
{
    /// <summary>The extension dotnet dev-certs marks its certificate with (AspNetHttpsOid).</summary>
    private const string AspNetHttpsOid = "1.3.6.1.4.1.311.84.1.1";

    public static DevelopmentAuthority Recognise(X509Certificate2 leaf)
    {
        if (leaf.Extensions.Cast<X509Extension>().Any(e => e.Oid?.Value == AspNetHttpsOid))
        {
            return DevelopmentAuthority.DotnetDevCerts;
        }

        return leaf.Issuer.IndexOf("O=mkcert development CA", StringComparison.Ordinal) >= 0 ? DevelopmentAuthority.Mkcert : DevelopmentAuthority.None;
    }

    public static string Describe(DevelopmentAuthority authority) => authority switch
    {
        DevelopmentAuthority.DotnetDevCerts => "the ASP.NET Core development certificate (dotnet dev-certs)",
        DevelopmentAuthority.Mkcert => "a certificate from mkcert's development CA",
        _ => string.Empty,
    };
}
