using System;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Trust;

/// <summary>Reads one place into a <see cref="TrustSource"/>, turning a missing or unreadable place into its reason.</summary>
internal static class TrustSources
{
    /// <summary>The OS bundle OpenSSL is built to read (Debian/Ubuntu; Fedora; Alpine), the first that exists.</summary>
    public static readonly string[] SystemBundles = { "/etc/ssl/certs/ca-certificates.crt", "/etc/pki/tls/certs/ca-bundle.crt", "/etc/ssl/cert.pem" };

    public const string SystemFolder = "/etc/ssl/certs";

    /// <summary>Mozilla's roots as Debian ships them: the stand-in for roots compiled into Node, Chromium and Firefox.</summary>
    public const string MozillaRoots = "/usr/share/ca-certificates/mozilla";

    public static string SystemBundle(TrustEnvironment environment) =>
        SystemBundles.FirstOrDefault(p => System.IO.File.Exists(environment.Path(p))) ?? SystemBundles[0];

    public static TrustSource FromFile(TrustEnvironment environment, string path, string why) =>
        Read(why + path, () => CertificateFiles.ReadFile(environment.Path(path)));

    public static TrustSource FromHashedFolder(TrustEnvironment environment, string path, string why) =>
        Read(why + path + " (hash-named files)", () => CertificateFiles.ReadHashedFolder(environment.Path(path)));

    public static TrustSource FromWholeFolder(TrustEnvironment environment, string path, string why) =>
        Read(why + path, () => CertificateFiles.ReadWholeFolder(environment.Path(path)));

    public static TrustSource PublicRoots(TrustEnvironment environment, string what)
    {
        var read = Read(what + " (taken to be Mozilla's list, " + MozillaRoots + ")", () => CertificateFiles.ReadWholeFolder(environment.Path(MozillaRoots)));
        return new TrustSource(read.Where, read.Certificates, read.Unreadable, publicRoots: true);
    }

    public static TrustSource Read(string where, Func<X509Certificate2[]> read)
    {
        try
        {
            return new TrustSource(where, read());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new TrustSource(where, Array.Empty<X509Certificate2>(), e is FileNotFoundException or DirectoryNotFoundException ? "does not exist" : e.Message);
        }
    }
}
