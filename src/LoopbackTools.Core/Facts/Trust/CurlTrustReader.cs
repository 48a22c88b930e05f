using System.Collections.Generic;

namespace LoopbackTools.Trust;

/// <summary>
/// curl (the tool, OpenSSL build): CURL_CA_BUNDLE names the bundle; otherwise SSL_CERT_DIR replaces the folder and
/// SSL_CERT_FILE the bundle; what is not replaced stays the built-in default (Debian: the system bundle and
/// /etc/ssl/certs). OpenSSL finds a certificate in a folder only under its subject-hash name.
/// </summary>
internal static class CurlTrustReader
{
    public static ClientTrust Read(TrustEnvironment environment)
    {
        var bundle = environment.Variable("CURL_CA_BUNDLE");
        var bundleWhy = "CURL_CA_BUNDLE=";
        string? folder = null;
        if (bundle is null)
        {
            folder = environment.Variable("SSL_CERT_DIR");
            bundle = environment.Variable("SSL_CERT_FILE");
            bundleWhy = "SSL_CERT_FILE=";
        }

        var sources = new List<TrustSource>
        {
            bundle is null
                ? TrustSources.FromFile(environment, TrustSources.SystemBundle(environment), "system bundle ")
                : TrustSources.FromFile(environment, bundle, bundleWhy),
            folder is null
                ? TrustSources.FromHashedFolder(environment, TrustSources.SystemFolder, "system folder ")
                : TrustSources.FromHashedFolder(environment, folder, "SSL_CERT_DIR="),
        };
        return new ClientTrust(TlsClient.Curl, sources);
    }
}
