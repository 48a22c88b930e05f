using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using LoopbackTools.Dns;

namespace LoopbackTools.Resolution.Sources;

/// <summary>
/// The facts that decide which source answers a name: on Linux the nsswitch.conf hosts chain, which NSS modules
/// are installed, whether systemd-resolved runs, the resolv.conf name servers; everywhere this machine's name.
/// Read once per check (a few small files); constructed directly by tests.
/// </summary>
internal sealed class ResolverConfiguration
{
    public const string NsswitchPath = "/etc/nsswitch.conf";

    /// <summary>systemd-resolved's varlink socket: present while it runs (what nss-resolve connects to).</summary>
    public const string ResolvedSocket = "/run/systemd/resolve/io.systemd.Resolve";

    // files and dns are built into glibc since 2.34 (and always shipped with it before).
    private static readonly string[] BuiltInModules = { "files", "dns" };

    public ResolverConfiguration(ResolverPlatform platform, IReadOnlyList<NssSource> chain, bool chainIsDefault, IEnumerable<string> nameServers, IEnumerable<string> installedModules, bool resolvedRunning, string hostName)
    {
        Platform = platform;
        Chain = chain;
        ChainIsDefault = chainIsDefault;
        NameServers = nameServers.ToArray();
        InstalledModules = new HashSet<string>(installedModules.Concat(BuiltInModules), StringComparer.OrdinalIgnoreCase);
        ResolvedRunning = resolvedRunning;
        HostName = hostName ?? string.Empty;
    }

    public ResolverPlatform Platform { get; }

    /// <summary>Linux: the hosts services in order; empty elsewhere.</summary>
    public IReadOnlyList<NssSource> Chain { get; }

    /// <summary>Linux: true when nsswitch.conf is missing or has no hosts line, so glibc's default order applies.</summary>
    public bool ChainIsDefault { get; }

    /// <summary>The resolver's name servers (addresses only), as resolv.conf lists them.</summary>
    public string[] NameServers { get; }

    public ISet<string> InstalledModules { get; }

    public bool ResolvedRunning { get; }

    public string HostName { get; }

    /// <summary>True when every name server is systemd-resolved's stub (127.0.0.53, or 127.0.0.54 in proxy mode).</summary>
    public bool NameServersAreResolvedStub => NameServers.Length > 0 && NameServers.All(s => s == "127.0.0.53" || s == "127.0.0.54");

    public static ResolverConfiguration ForLinux(string nsswitchText, IEnumerable<string> nameServers, IEnumerable<string> installedModules, bool resolvedRunning, string hostName)
    {
        var chain = NsswitchParser.ParseHosts(nsswitchText);
        return new ResolverConfiguration(ResolverPlatform.Linux, chain ?? NsswitchParser.ParseServices(NsswitchParser.GlibcDefault), chain is null, nameServers, installedModules, resolvedRunning, hostName);
    }

    /// <summary>This machine's configuration. Never throws: an unreadable file reads as absent.</summary>
    public static ResolverConfiguration ReadSystem()
    {
        var hostName = Try(System.Net.Dns.GetHostName) ?? string.Empty;
        var servers = Try(() => SystemNameServers.Get().Select(e => e.Address.ToString()).ToArray()) ?? Array.Empty<string>();
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return new ResolverConfiguration(ResolverPlatform.Windows, Array.Empty<NssSource>(), false, servers, Array.Empty<string>(), false, hostName);
        }

        if (RuntimeInformation.IsOSPlatform(OSPlatform.OSX))
        {
            return new ResolverConfiguration(ResolverPlatform.MacOS, Array.Empty<NssSource>(), false, servers, Array.Empty<string>(), false, hostName);
        }

        var text = Try(() => File.ReadAllText(NsswitchPath)) ?? string.Empty;
        var chain = NsswitchParser.ParseHosts(text);
        var modules = (chain ?? Array.Empty<NssSource>()).Select(s => s.Name).Where(NssModuleInstalled);
        return ForLinux(text, servers, modules, File.Exists(ResolvedSocket), hostName);
    }

    /// <summary>glibc loads <c>libnss_NAME.so.2</c> from the library path; a missing one makes the service UNAVAIL.</summary>
    internal static bool NssModuleInstalled(string name)
    {
        var file = "libnss_" + name + ".so.2";
        foreach (var root in new[] { "/lib", "/usr/lib", "/lib64", "/usr/lib64" })
        {
            if (File.Exists(Path.Combine(root, file)))
            {
                return true;
            }

            // Debian and Ubuntu: multiarch folders (/lib/x86_64-linux-gnu, /usr/lib/aarch64-linux-gnu).
            var folders = Try(() => Directory.GetDirectories(root, "*-linux-gnu*")) ?? Array.Empty<string>();
            if (folders.Any(folder => File.Exists(Path.Combine(folder, file))))
            {
                return true;
            }
        }

        return false;
    }

    private static T? Try<T>(Func<T> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is System.Net.Sockets.SocketException || e is InvalidOperationException)
        {
            return null;
        }
    }
}
