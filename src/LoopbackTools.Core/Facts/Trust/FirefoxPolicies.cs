using System.Collections.Generic;
using System.IO;
using System.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace LoopbackTools.Trust;

/// <summary>
/// Firefox's enterprise policies on Linux, as firefox-esr 153 (Debian) was seen to read them (decision 123): the
/// system file /etc/firefox/policies/policies.json when it exists - then the installation's distribution/policies.json
/// is ignored - else distribution/policies.json in the installation folder; /etc/firefox-esr/policies is not read.
/// Certificates.Install lists files Firefox imports as trusted roots: an absolute path, or a name searched in
/// /usr/lib/mozilla/certificates, /usr/lib64/mozilla/certificates and ~/.mozilla/certificates.
/// Certificates.ImportEnterpriseRoots does nothing on Linux (Firefox reads the OS store only on Windows and macOS).
/// </summary>
internal static class FirefoxPolicies
{
    public const string SystemFile = "/etc/firefox/policies/policies.json";

    private static readonly string[] Installations = { "/usr/lib/firefox-esr", "/usr/lib/firefox", "/opt/firefox" };

    private static readonly string[] NamedFolders = { "/usr/lib/mozilla/certificates", "/usr/lib64/mozilla/certificates" };

    /// <summary>The policies.json files Firefox reads here: the system file alone when it exists, else each installation's.</summary>
    public static string[] Files(TrustEnvironment environment) => File.Exists(environment.Path(SystemFile))
        ? new[] { SystemFile }
        : Installations.Select(i => i + "/distribution/policies.json").Where(p => File.Exists(environment.Path(p))).ToArray();

    /// <summary>One source per certificate a Certificates.Install policy names; an unreadable policies.json is one source that says why.</summary>
    public static IEnumerable<TrustSource> InstalledRoots(TrustEnvironment environment)
    {
        foreach (var file in Files(environment))
        {
            var certificates = Parse(environment, file, out var broken);
            if (broken.Length > 0)
            {
                yield return new TrustSource("policies " + file, new System.Security.Cryptography.X509Certificates.X509Certificate2[0], broken);
                continue;
            }

            foreach (var entry in (certificates?["Install"] as JArray ?? new JArray()).Values<string>().Where(e => !string.IsNullOrEmpty(e)))
            {
                yield return Installed(environment, file, entry!);
            }
        }
    }

    /// <summary>"ImportEnterpriseRoots: true" in a policies file: said, since it does nothing here.</summary>
    public static IEnumerable<string> IgnoredEnterpriseRoots(TrustEnvironment environment) =>
        Files(environment)
            .Where(f => Parse(environment, f, out _)?["ImportEnterpriseRoots"] is JValue { Type: JTokenType.Boolean } on && (bool)on)
            .Select(f => $"Certificates.ImportEnterpriseRoots in {f} does nothing on Linux (Firefox imports the OS store only on Windows and macOS)");

    private static TrustSource Installed(TrustEnvironment environment, string file, string entry)
    {
        var why = $"Certificates.Install in {file}: ";
        if (Path.IsPathRooted(entry))
        {
            return TrustSources.FromFile(environment, entry, why);
        }

        var folders = NamedFolders.Concat(new[] { Path.Combine(environment.Home, ".mozilla", "certificates") }).ToArray();
        var found = folders.Select(f => Path.Combine(f, entry)).FirstOrDefault(p => File.Exists(environment.Path(p)));
        return found is not null
            ? TrustSources.FromFile(environment, found, why)
            : new TrustSource(why + entry, new System.Security.Cryptography.X509Certificates.X509Certificate2[0], "does not exist in " + string.Join(", ", folders));
    }

    /// <summary>The policies' Certificates object, or null; broken says why Firefox would not read the file.</summary>
    private static JObject? Parse(TrustEnvironment environment, string file, out string broken)
    {
        broken = string.Empty;
        try
        {
            return JObject.Parse(File.ReadAllText(environment.Path(file)))["policies"]?["Certificates"] as JObject;
        }
        catch (JsonException e)
        {
            broken = "not valid JSON, so Firefox applies none of its policies: " + e.Message;
        }
        catch (System.Exception e) when (e is IOException or System.UnauthorizedAccessException)
        {
            broken = e.Message;
        }

        return null;
    }
}
