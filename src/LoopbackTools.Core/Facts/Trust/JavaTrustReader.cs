using System.IO;

namespace LoopbackTools.Trust;

/// <summary>
/// Java: the cacerts keystore of the JRE that <c>java</c> on PATH belongs to (JAVA_HOME's when set), unless
/// -Djavax.net.ssl.trustStore in JAVA_TOOL_OPTIONS names another.
/// </summary>
internal static class JavaTrustReader
{
    private const string TrustStoreOption = "-Djavax.net.ssl.trustStore=";

    public static ClientTrust Read(TrustEnvironment environment)
    {
        var options = environment.Variable("JAVA_TOOL_OPTIONS") ?? string.Empty;
        var at = options.IndexOf(TrustStoreOption, System.StringComparison.Ordinal);
        if (at >= 0)
        {
            var path = options.Substring(at + TrustStoreOption.Length).Split(' ')[0];
            return new ClientTrust(TlsClient.Java, new[] { Keystore(environment, path, "JAVA_TOOL_OPTIONS " + TrustStoreOption) });
        }

        var home = environment.Variable("JAVA_HOME") ?? JavaHomeOf(environment.Program("java"));
        if (home is null)
        {
            return new ClientTrust(TlsClient.Java, new TrustSource[0], absent: "no JRE: java is not on PATH and JAVA_HOME is unset");
        }

        return new ClientTrust(TlsClient.Java, new[] { Keystore(environment, Path.Combine(home, "lib", "security", "cacerts"), "the JRE's cacerts ") });
    }

    private static TrustSource Keystore(TrustEnvironment environment, string path, string why) =>
        TrustSources.Read(why + path, () => JavaKeyStore.Read(environment.Path(path)));

    /// <summary>/usr/bin/java links (through /etc/alternatives) to JAVA_HOME/bin/java.</summary>
    private static string? JavaHomeOf(string? java)
    {
        if (java is null)
        {
            return null;
        }

        var real = Resolve(java);
        return Path.GetDirectoryName(Path.GetDirectoryName(real));
    }

    private static string Resolve(string path)
    {
        if (!System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
        {
            return path;
        }

        for (var hops = 0; hops < 16; hops++)
        {
            var buffer = new byte[4096];
            var length = (int)(long)Listeners.Linux.LinuxNative.ReadLink(Listeners.Linux.LinuxNative.Path(path), buffer, (System.IntPtr)buffer.Length);
            if (length <= 0)
            {
                return path; // not a link (or not Linux)
            }

            var target = System.Text.Encoding.UTF8.GetString(buffer, 0, length);

            path = Path.IsPathRooted(target) ? target : Path.Combine(Path.GetDirectoryName(path)!, target);
        }

        return path;
    }
}
