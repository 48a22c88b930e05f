using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace LoopbackTools.Trust;

/// <summary>
/// Node: the roots compiled into it (Mozilla's list), or OpenSSL's store instead with --use-openssl-ca; plus the file
/// NODE_EXTRA_CA_CERTS names (read once at start; a missing file is a warning, not an error); plus OpenSSL's store
/// with --use-system-ca (Linux: node 22.15+, 23.9+) or NODE_USE_SYSTEM_CA=1 (node 22.19+, 24.6+). An older node
/// ignores the variable and refuses to start with the option in NODE_OPTIONS (node 20 here: "--use-system-ca is not
/// allowed in NODE_OPTIONS"). "OpenSSL's store" is that of the OpenSSL node carries (<see cref="NodeOpenSslDirectory"/>).
/// </summary>
internal static class NodeTrustReader
{
    public static ClientTrust Read(TrustEnvironment environment)
    {
        var node = environment.Program("node");
        if (node is null)
        {
            return new ClientTrust(TlsClient.Node, new TrustSource[0], absent: "node is not on PATH");
        }

        var options = environment.Variable("NODE_OPTIONS") ?? string.Empty;
        var version = new Lazy<Version?>(() => Version(node));
        var sources = new List<TrustSource>();
        if (options.Contains("--use-openssl-ca"))
        {
            sources.AddRange(OpenSslStore(environment, node, "NODE_OPTIONS --use-openssl-ca: "));
        }
        else
        {
            sources.Add(TrustSources.PublicRoots(environment, "node's bundled roots"));
        }

        if (environment.Variable("NODE_EXTRA_CA_CERTS") is { } extra)
        {
            sources.Add(TrustSources.FromFile(environment, extra, "NODE_EXTRA_CA_CERTS="));
        }

        if (options.Contains("--use-system-ca"))
        {
            if (!KnowsSystemCaOption(version.Value))
            {
                return new ClientTrust(TlsClient.Node, sources, broken:
                    $"rejects every connection: node {Shown(version.Value)} does not start with --use-system-ca in NODE_OPTIONS (22.15+ and 23.9+ know it) - remove it, and set NODE_EXTRA_CA_CERTS=<ca.pem>");
            }

            sources.AddRange(OpenSslStore(environment, node, "NODE_OPTIONS --use-system-ca: "));
            return new ClientTrust(TlsClient.Node, sources);
        }

        var note = string.Empty;
        if (environment.Variable("NODE_USE_SYSTEM_CA") == "1")
        {
            if (KnowsSystemCaVariable(version.Value))
            {
                sources.AddRange(OpenSslStore(environment, node, "NODE_USE_SYSTEM_CA=1: "));
            }
            else
            {
                note = $"NODE_USE_SYSTEM_CA=1 is set but node {Shown(version.Value)} ignores it (22.19+ and 24.6+ read the system store)";
            }
        }

        return new ClientTrust(TlsClient.Node, sources, note: note);
    }

    /// <summary>--use-system-ca on Linux: v23.9.0, backported to v22.15.0.</summary>
    internal static bool KnowsSystemCaOption(Version? version) =>
        version is not null && (version >= new Version(23, 9) || (version.Major == 22 && version.Minor >= 15));

    /// <summary>NODE_USE_SYSTEM_CA=1: v24.6.0 and v22.19.0 (nodejs/node#59276; 23.x had ended).</summary>
    internal static bool KnowsSystemCaVariable(Version? version) =>
        version is not null && (version >= new Version(24, 6) || (version.Major == 22 && version.Minor >= 19));

    private static IEnumerable<TrustSource> OpenSslStore(TrustEnvironment environment, string node, string why)
    {
        var directory = NodeOpenSslDirectory.Of(node);
        var builtWith = directory is null ? "the system's OpenSSL: " : $"node's own OpenSSL (OPENSSLDIR {directory}): ";
        yield return environment.Variable("SSL_CERT_FILE") is { } file
            ? TrustSources.FromFile(environment, file, why + "SSL_CERT_FILE=")
            : TrustSources.FromFile(environment, directory is null ? TrustSources.SystemBundle(environment) : directory.TrimEnd('/') + "/cert.pem", why + builtWith);
        yield return environment.Variable("SSL_CERT_DIR") is { } folder
            ? TrustSources.FromHashedFolder(environment, folder, why + "SSL_CERT_DIR=")
            : TrustSources.FromHashedFolder(environment, directory is null ? TrustSources.SystemFolder : directory.TrimEnd('/') + "/certs", why + builtWith);
    }

    private static string Shown(Version? version) => version?.ToString() ?? "(version unknown)";

    private static Version? Version(string node)
    {
        try
        {
            var start = new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, CreateNoWindow = true };
            start.EnvironmentVariables.Remove("NODE_OPTIONS"); // an option this node refuses there would stop even --version
            using var process = Process.Start(start);
            if (process is null || !process.WaitForExit(5000))
            {
                return null;
            }

            var text = process.StandardOutput.ReadToEnd().Trim().TrimStart('v');
            return System.Version.TryParse(text, out var version) ? version : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
