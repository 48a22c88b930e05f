using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Resolution;

/// <summary>
/// Runs tests/LoopbackTools.ResolutionProbe in a child mount namespace whose /etc/hosts is a file the test
/// wrote (and whose /etc/resolv.conf names only 127.0.0.1), so the real OS resolver reads the test's hosts
/// file while the other tests of the sealed run keep theirs. Needs root (unshare --mount).
/// The child also gets its own nsswitch.conf (hosts: files dns) and an empty gai.conf (RFC 6724 order), which
/// the expectations assume: with nss-myhostname glibc answers *.localhost itself, and a gai.conf preferring IPv4
/// puts 127.0.0.1 first (issue 18). The seal binds the same files (scripts/seal-resolver-config.sh); binding them
/// here too keeps these tests right when they are run in a hand-made seal that lacks that script.
/// </summary>
public static class ResolutionProbeProcess
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    public static string DllPath
    {
        get
        {
            // This assembly runs from tests/LoopbackTools.Tests/bin/<Configuration>/net10.0/.
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepoPaths.Root, "tests", "LoopbackTools.ResolutionProbe", "bin", configuration, "net10.0", "LoopbackTools.ResolutionProbe.dll");
        }
    }

    /// <summary>The probe's JSON output (for `bench`).</summary>
    public static string RunRaw(string hostsText, params string[] arguments)
    {
        var folder = Directory.CreateTempSubdirectory("lbt-probe-").FullName;
        try
        {
            var hosts = Path.Combine(folder, "hosts");
            var resolv = Path.Combine(folder, "resolv.conf");
            var nsswitch = Path.Combine(folder, "nsswitch.conf");
            var gai = Path.Combine(folder, "gai.conf");
            File.WriteAllText(hosts, hostsText);
            File.WriteAllText(resolv, "nameserver 127.0.0.1\n");
            File.WriteAllText(nsswitch, "hosts: files dns\n");
            File.WriteAllText(gai, string.Empty);
            // gai.conf only where it exists: an absent one already means glibc's RFC 6724 defaults.
            const string script = "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/resolv.conf && mount --bind \"$3\" /etc/nsswitch.conf"
                + " && { [ ! -e /etc/gai.conf ] || mount --bind \"$4\" /etc/gai.conf; } && shift 4 && exec dotnet \"$@\"";
            var args = new[] { "--mount", "bash", "-c", script, "probe", hosts, resolv, nsswitch, gai, DllPath }.Concat(arguments).Concat(new[] { "--resolv", resolv });
            var result = Components.Run.Command("unshare", args, TimeSpan.FromSeconds(120)).EnsureSuccess("resolution probe");
            return result.Output;
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    public static IReadOnlyList<ProbeReport> Run(string hostsText, params string[] arguments) =>
        JsonSerializer.Deserialize<ProbeReport[]>(RunRaw(hostsText, new[] { "check" }.Concat(arguments).ToArray()), Json)!;

    public sealed record ProbeReport(string Name, LocalhostResolutionResult[] Results, LocalhostPortProbe[] Probes, bool Healthy)
    {
        public LocalhostResolutionResult Layer(ResolutionLayer layer) => Assert.Single(Results, r => r.Layer == layer);

        public LocalhostPortProbe At(string address) => Assert.Single(Probes, p => p.Address == address);
    }
}
