using System.Linq;
using LoopbackTools.Trust;

namespace LoopbackTools.Certificate;

/// <summary>The command that makes one client family trust a CA, named in that family's Fail.</summary>
internal static class TrustFix
{
    public static string For(TlsClient client, DevelopmentAuthority maker, string caName, ClientTrust trust, TrustEnvironment environment)
    {
        var ca = "<" + Slug(caName) + ".pem>";
        if (maker == DevelopmentAuthority.Mkcert)
        {
            ca = "\"$(mkcert -CAROOT)/rootCA.pem\"";
        }

        if (trust.Store != OsTrustStore.None)
        {
            return OsStore(trust.Store, maker, ca);
        }

        var system = $"sudo cp {ca} /usr/local/share/ca-certificates/{Slug(caName)}.crt && sudo update-ca-certificates";
        switch (client)
        {
            case TlsClient.Node:
                return $"NODE_EXTRA_CA_CERTS={ca} (node reads neither the system store nor NSS)";
            case TlsClient.Chromium:
                return maker == DevelopmentAuthority.Mkcert
                    ? "mkcert -install with certutil (libnss3-tools) installed"
                    : maker == DevelopmentAuthority.DotnetDevCerts
                        ? "dotnet dev-certs https --trust (.NET 9+ adds it to ~/.pki/nssdb), or " + Nss(ca, caName, "$HOME/.pki/nssdb")
                        : Nss(ca, caName, "$HOME/.pki/nssdb");
            case TlsClient.Firefox:
                return (maker == DevelopmentAuthority.Mkcert ? "mkcert -install with certutil (libnss3-tools) installed" : Nss(ca, caName, "<profile folder>"))
                    + $", or (as root) list {ca}'s absolute path under Certificates.Install in {FirefoxPolicies.Files(environment).FirstOrDefault() ?? FirefoxPolicies.SystemFile}";
            case TlsClient.Java:
                return $"keytool -importcert -cacerts -storepass changeit -noprompt -alias {Slug(caName)} -file {ca}";
            case TlsClient.DotNet:
                return maker == DevelopmentAuthority.DotnetDevCerts ? "dotnet dev-certs https --trust" : maker == DevelopmentAuthority.Mkcert ? "mkcert -install" : system;
            case TlsClient.PythonRequests:
                if (environment.Variable("REQUESTS_CA_BUNDLE") is { } bundle)
                {
                    return $"append {ca} to {bundle} (REQUESTS_CA_BUNDLE), or REQUESTS_CA_BUNDLE={ca}";
                }

                return trust.Sources.Count > 0 && trust.Sources[0].Where.StartsWith("certifi's own", System.StringComparison.Ordinal)
                    ? $"REQUESTS_CA_BUNDLE={ca} (pip's certifi ignores the system store)"
                    : maker == DevelopmentAuthority.Mkcert ? "mkcert -install" : system;
            default:
                if (environment.Variable("CURL_CA_BUNDLE") is { } curlBundle)
                {
                    return $"append {ca} to {curlBundle} (CURL_CA_BUNDLE), or curl --cacert {ca}";
                }

                return maker == DevelopmentAuthority.Mkcert ? "mkcert -install" : system;
        }
    }

    /// <summary>Windows' Root store (the user's needs no elevation) or macOS' System keychain with admin trust settings.</summary>
    private static string OsStore(OsTrustStore store, DevelopmentAuthority maker, string ca) => maker switch
    {
        DevelopmentAuthority.DotnetDevCerts => "dotnet dev-certs https --trust",
        DevelopmentAuthority.Mkcert => "mkcert -install",
        _ => store == OsTrustStore.WindowsRoot
            ? $"certutil -addstore -user Root {ca}, or Import-Certificate -FilePath {ca} -CertStoreLocation Cert:\\CurrentUser\\Root"
            : $"sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain {ca}",
    };

    private static string Nss(string ca, string caName, string database) => $"certutil -d sql:{database} -A -t C,, -n {Slug(caName)} -i {ca}";

    private static string Slug(string name)
    {
        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.IsLetterOrDigit(chars[i]) || chars[i] == '-' || chars[i] == '.' ? chars[i] : '-';
        }

        var slug = new string(chars).Trim('-');
        return slug.Length == 0 ? "local-ca" : slug;
    }
}
