using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;

namespace LoopbackTools.Trust;

/// <summary>
/// Node: the roots compiled into it (Mozilla's list), or OpenSSL's store instead with --use-openssl-ca; plus the file
/// NODE_EXTRA_CA_CERTS names (read once at start; a missing file is a warning, not an error); plus the system store
/// with NODE_USE_SYSTEM_CA=1 or --use-system-ca, which only Node 22.15+/23.8+ know.
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
        var sources = new List<TrustSource>();
        if (options.Contains("--use-openssl-ca"))
        {
            sources.AddRange(OpenSslStore(environment, "NODE_OPTIONS --use-openssl-ca: "));
        }
        else
        {
            sources.Add(TrustSources.PublicRoots(environment, "node's bundled roots"));
        }

        if (environment.Variable("NODE_EXTRA_CA_CERTS") is { } extra)
        {
            sources.Add(TrustSources.FromFile(environment, extra, "NODE_EXTRA_CA_CERTS="));
        }

        var note = string.Empty;
        if (environment.Variable("NODE_USE_SYSTEM_CA") == "1" || options.Contains("--use-system-ca"))
        {
            var version = Version(node);
            if (version is not null && (version >= new Version(23, 8) || (version.Major == 22 && version.Minor >= 15)))
            {
                sources.AddRange(OpenSslStore(environment, "NODE_USE_SYSTEM_CA: "));
            }
            else
            {
                note = $"NODE_USE_SYSTEM_CA is set but node {version?.ToString() ?? "(version unknown)"} ignores it (22.15+ or 23.8+ reads the system store)";
            }
        }

        return new ClientTrust(TlsClient.Node, sources, note: note);
    }

    private static IEnumerable<TrustSource> OpenSslStore(TrustEnvironment environment, string why)
    {
        yield return TrustSources.FromFile(environment, environment.Variable("SSL_CERT_FILE") ?? TrustSources.SystemBundle(environment), why);
        yield return TrustSources.FromHashedFolder(environment, environment.Variable("SSL_CERT_DIR") ?? TrustSources.SystemFolder, why);
    }

    private static Version? Version(string node)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(node, "--version") { RedirectStandardOutput = true, UseShellExecute = false, CreateNoWindow = true });
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
