using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Trust;

/// <summary>
/// The families that trust what macOS' keychains and trust settings trust: .NET's HttpClient (Security.framework) and
/// Chromium/Chrome (their root list plus locally trusted roots). A certificate is an anchor only when a trust settings
/// domain says so (the user's overrides the admin's): sitting in a keychain, even System.keychain, is not enough (the
/// reason mkcert and dotnet dev-certs call <c>security add-trusted-cert</c>). Apple's own roots are trusted by the
/// system domain.
/// </summary>
internal static class MacTrustReader
{
    public static IReadOnlyList<ClientTrust> Read(MacKeychainSnapshot snapshot)
    {
        var (sources, note) = Sources(snapshot);
        return new[]
        {
            new ClientTrust(TlsClient.DotNet, sources, note: note, store: OsTrustStore.MacKeychain),
            new ClientTrust(TlsClient.Chromium, sources, note: note, store: OsTrustStore.MacKeychain),
            new ClientTrust(TlsClient.Firefox, new TrustSource[0], absent: "on macOS Firefox reads its profile's cert9.db, and the keychains only with enterprise roots on (security.enterprise_roots.enabled or the ImportEnterpriseRoots policy): neither is read here"),
        };
    }

    private static (TrustSource[] Sources, string Note) Sources(MacKeychainSnapshot snapshot)
    {
        var sources = new List<TrustSource>();
        var held = new List<(X509Certificate2 Certificate, string Keychain)>();
        foreach (var (keychain, pem, unreadable) in snapshot.Keychains)
        {
            var certificates = unreadable.Length > 0 || pem.Trim().Length == 0 // an empty keychain prints nothing
                ? Array.Empty<X509Certificate2>()
                : CertificateFiles.Parse(System.Text.Encoding.ASCII.GetBytes(pem));
            if (keychain == MacKeychains.AppleRoots)
            {
                sources.Add(new TrustSource("Apple's roots (" + keychain + ")", certificates, unreadable, publicRoots: true));
            }
            else if (unreadable.Length > 0)
            {
                sources.Add(new TrustSource("keychain " + keychain, certificates, unreadable));
            }
            else
            {
                held.AddRange(certificates.Select(c => (c, keychain)));
            }
        }

        var where = held.Count == 0 ? "no keychain" : string.Join(", ", held.Select(h => Path.GetFileName(h.Keychain)).Distinct());
        if (snapshot.SettingsUnreadable.Length > 0)
        {
            sources.Add(new TrustSource("trust settings", Array.Empty<X509Certificate2>(), snapshot.SettingsUnreadable));
            return (sources.ToArray(), string.Empty);
        }

        var domains = new[]
        {
            (Name: "the user's trust settings (security trust-settings-export)", Settings: Settings(snapshot.UserSettings, out var userProblem), Problem: userProblem),
            (Name: "the admin trust settings (security trust-settings-export -d)", Settings: Settings(snapshot.AdminSettings, out var adminProblem), Problem: adminProblem),
        };
        var notes = new List<string>();
        var trusted = domains.ToDictionary(d => d.Name, _ => new List<X509Certificate2>());
        foreach (var (certificate, keychain) in held)
        {
            var decided = domains.FirstOrDefault(d => d.Settings.ContainsKey(certificate.Thumbprint));
            var name = $"'{certificate.GetNameInfo(X509NameType.SimpleName, false)}' in {Path.GetFileName(keychain)}";
            if (decided.Name is null)
            {
                if (IsAuthority(certificate))
                {
                    notes.Add(name + " has no trust settings: a keychain alone does not make it trusted");
                }
            }
            else if (decided.Settings[certificate.Thumbprint] == MacTrustSetting.Trusted)
            {
                trusted[decided.Name].Add(certificate);
            }
            else
            {
                notes.Add($"{name} is {(decided.Settings[certificate.Thumbprint] == MacTrustSetting.Deny ? "denied" : "not trusted for TLS")} by {decided.Name}"
                    + (decided.Name.StartsWith("the user's", StringComparison.Ordinal) ? " (security remove-trusted-cert <ca> clears them)" : string.Empty));
            }
        }

        sources.AddRange(domains.Select(d => new TrustSource($"{d.Name} over {where}", trusted[d.Name].ToArray(), d.Problem)));
        return (sources.ToArray(), string.Join("; ", notes));
    }

    private static IReadOnlyDictionary<string, MacTrustSetting> Settings(string plist, out string problem)
    {
        problem = string.Empty;
        try
        {
            return MacTrustSettings.Parse(plist);
        }
        catch (FormatException e)
        {
            problem = e.Message;
            return new Dictionary<string, MacTrustSetting>();
        }
    }

    private static bool IsAuthority(X509Certificate2 certificate) =>
        certificate.Extensions.OfType<X509BasicConstraintsExtension>().Any(b => b.CertificateAuthority) || certificate.SubjectName.RawData.SequenceEqual(certificate.IssuerName.RawData);
}
