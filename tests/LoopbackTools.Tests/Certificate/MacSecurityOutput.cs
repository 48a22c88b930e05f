using System.Security.Cryptography.X509Certificates;
using System.Text;
using LoopbackTools.Trust;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// What macOS' <c>/usr/bin/security</c> prints, laid out from the tests' certificates (Fixtures/oscerts/README.md):
/// <c>find-certificate -a -p KEYCHAIN</c> writes one PEM block per certificate; <c>trust-settings-export [-d] FILE</c>
/// writes an XML plist whose trustList maps each upper-case SHA-1 to issuerName, modDate, serialNumber and
/// trustSettings. Security.framework cannot run on Linux.
/// </summary>
public static class MacSecurityOutput
{
    /// <summary>kSecTrustSettingsPolicy for the SSL policy (1.2.840.113635.100.1.3) as mkcert writes it.</summary>
    public const string SslServer = "<dict>\n\t\t\t\t\t<key>kSecTrustSettingsPolicy</key>\n\t\t\t\t\t<data>\n\t\t\t\t\tKoZIhvdjZAED\n\t\t\t\t\t</data>\n\t\t\t\t\t<key>kSecTrustSettingsPolicyName</key>\n\t\t\t\t\t<string>sslServer</string>\n\t\t\t\t\t<key>kSecTrustSettingsResult</key>\n\t\t\t\t\t<integer>{0}</integer>\n\t\t\t\t</dict>";

    /// <summary>The same for the basic X.509 policy (1.2.840.113635.100.1.2): it does not decide TLS.</summary>
    public const string BasicX509 = "<dict>\n\t\t\t\t\t<key>kSecTrustSettingsPolicy</key>\n\t\t\t\t\t<data>\n\t\t\t\t\tKoZIhvdjZAEC\n\t\t\t\t\t</data>\n\t\t\t\t\t<key>kSecTrustSettingsPolicyName</key>\n\t\t\t\t\t<string>basicX509</string>\n\t\t\t\t\t<key>kSecTrustSettingsResult</key>\n\t\t\t\t\t<integer>{0}</integer>\n\t\t\t\t</dict>";

    public static string FindCertificatePem(params X509Certificate2[] certificates) =>
        string.Concat(certificates.Select(c => c.ExportCertificatePem() + "\n"));

    /// <summary>A trust-settings-export plist: each certificate with the constraints inside its trustSettings array ("" = the empty array).</summary>
    public static string TrustSettingsExport(params (X509Certificate2 Certificate, string Constraints)[] entries)
    {
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n<plist version=\"1.0\">\n<dict>\n\t<key>trustList</key>\n\t<dict>\n");
        foreach (var (certificate, constraints) in entries)
        {
            text.Append("\t\t<key>").Append(certificate.Thumbprint).Append("</key>\n\t\t<dict>\n")
                .Append("\t\t\t<key>issuerName</key>\n\t\t\t<data>\n\t\t\t").Append(Convert.ToBase64String(certificate.IssuerName.RawData)).Append("\n\t\t\t</data>\n")
                .Append("\t\t\t<key>modDate</key>\n\t\t\t<date>2026-12-01T10:00:00Z</date>\n")
                .Append("\t\t\t<key>serialNumber</key>\n\t\t\t<data>\n\t\t\t").Append(Convert.ToBase64String(certificate.GetSerialNumber().Reverse().ToArray())).Append("\n\t\t\t</data>\n")
                .Append("\t\t\t<key>trustSettings</key>\n")
                .Append(constraints.Length == 0 ? "\t\t\t<array/>\n" : "\t\t\t<array>\n\t\t\t\t" + constraints + "\n\t\t\t</array>\n")
                .Append("\t\t</dict>\n");
        }

        return text.Append("\t</dict>\n\t<key>trustVersion</key>\n\t<integer>1</integer>\n</dict>\n</plist>\n").ToString();
    }

    /// <summary>The keychains as security lists them: Apple's roots (here: none), System.keychain, the login keychain.</summary>
    internal static MacKeychainSnapshot Snapshot(X509Certificate2[] system, X509Certificate2[] login, string admin = "", string user = "") => new(
        new[]
        {
            (MacKeychains.AppleRoots, string.Empty, string.Empty),
            (MacKeychains.SystemKeychain, FindCertificatePem(system), string.Empty),
            ("/Users/dev/Library/Keychains/login.keychain-db", FindCertificatePem(login), string.Empty),
        },
        admin,
        user);
}
