using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LoopbackTools.Trust;

/// <summary>
/// .NET on Linux: OpenSSL's default bundle and folder (SSL_CERT_FILE; SSL_CERT_DIR, a colon-separated list), where it
/// reads every file of a folder whatever its name, plus the user's own Root store folder
/// ~/.dotnet/corefx/cryptography/x509stores/root (where <c>dotnet dev-certs https --trust</c> puts its certificate).
/// </summary>
internal static class DotNetTrustReader
{
    public static string UserRootFolder(TrustEnvironment environment) =>
        Path.Combine(environment.Home, ".dotnet", "corefx", "cryptography", "x509stores", "root");

    public static ClientTrust Read(TrustEnvironment environment)
    {
        var file = environment.Variable("SSL_CERT_FILE");
        var folders = environment.Variable("SSL_CERT_DIR");
        var sources = new List<TrustSource>
        {
            file is null
                ? TrustSources.FromFile(environment, TrustSources.SystemBundle(environment), "system bundle ")
                : TrustSources.FromFile(environment, file, "SSL_CERT_FILE="),
        };
        sources.AddRange(folders is null
            ? new[] { TrustSources.FromWholeFolder(environment, TrustSources.SystemFolder, "system folder ") }
            : folders.Split(':').Where(f => f.Length > 0).Select(f => TrustSources.FromWholeFolder(environment, f, "SSL_CERT_DIR=")));
        sources.Add(TrustSources.FromWholeFolder(environment, UserRootFolder(environment), "the user's Root store "));
        return new ClientTrust(TlsClient.DotNet, sources);
    }
}
