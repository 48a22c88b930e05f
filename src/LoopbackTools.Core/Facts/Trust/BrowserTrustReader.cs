using System.Collections.Generic;
using System.IO;
using System.Linq;

namespace LoopbackTools.Trust;

/// <summary>
/// Chromium/Chrome on Linux: their built-in root store (stood in for by Mozilla's list) plus the user's NSS database
/// ~/.pki/nssdb; Firefox: its built-in roots, each profile's own cert9.db and the roots its Certificates.Install policy
/// imports (<see cref="FirefoxPolicies"/>). The NSS databases are read with certutil.
/// </summary>
internal static class BrowserTrustReader
{
    private static readonly string[] ChromiumPrograms = { "chromium", "chromium-browser", "google-chrome", "google-chrome-stable" };

    public static string UserNssFolder(TrustEnvironment environment) => Path.Combine(environment.Home, ".pki", "nssdb");

    public static ClientTrust Chromium(TrustEnvironment environment)
    {
        if (!ChromiumPrograms.Any(p => environment.Program(p) is not null))
        {
            return new ClientTrust(TlsClient.Chromium, new TrustSource[0], absent: "no Chromium or Chrome on PATH");
        }

        return new ClientTrust(TlsClient.Chromium, new[]
        {
            TrustSources.PublicRoots(environment, "Chromium's built-in roots"),
            Nss(environment, UserNssFolder(environment), "the user's NSS database "),
        });
    }

    public static ClientTrust Firefox(TrustEnvironment environment)
    {
        var profiles = ProfileFolders(environment).ToArray();
        if (profiles.Length == 0)
        {
            return new ClientTrust(TlsClient.Firefox, new TrustSource[0], absent: "no Firefox profile under ~/.mozilla/firefox or ~/snap/firefox");
        }

        var sources = new List<TrustSource> { TrustSources.PublicRoots(environment, "Firefox's built-in roots") };
        sources.AddRange(profiles.Select(p => Nss(environment, p, "profile ")));
        sources.AddRange(FirefoxPolicies.InstalledRoots(environment));
        var notes = new[] { "a CA in any profile's cert9.db counts; a profile the user does not run may differ" }.Concat(FirefoxPolicies.IgnoredEnterpriseRoots(environment));
        return new ClientTrust(TlsClient.Firefox, sources, note: string.Join("; ", notes));
    }

    private static TrustSource Nss(TrustEnvironment environment, string folder, string why)
    {
        var certutil = environment.Program("certutil");
        if (certutil is null)
        {
            return new TrustSource(why + folder, new System.Security.Cryptography.X509Certificates.X509Certificate2[0], "certutil (libnss3-tools) is not on PATH, so the database cannot be read");
        }

        return TrustSources.Read(why + folder, () => NssDatabase.ReadTrusted(certutil, environment.Path(folder)));
    }

    private static IEnumerable<string> ProfileFolders(TrustEnvironment environment)
    {
        foreach (var root in new[] { Path.Combine(environment.Home, ".mozilla", "firefox"), Path.Combine(environment.Home, "snap", "firefox", "common", ".mozilla", "firefox") })
        {
            if (!Directory.Exists(root))
            {
                continue;
            }

            foreach (var profile in Directory.EnumerateDirectories(root).Where(d => File.Exists(Path.Combine(d, "cert9.db"))))
            {
                yield return profile;
            }
        }
    }
}
