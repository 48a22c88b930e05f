using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Resolution;

/// <summary>
/// Runs tests/LoopbackTools.ResolutionProbe in a child mount namespace whose /etc/hosts is a file the test
/// wrote (and whose /etc/resolv.conf names only 127.0.0.1), so the real OS resolver reads the test's hosts
/// file while the other tests of the sealed run keep theirs. Needs root (unshare --mount).
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
            File.WriteAllText(hosts, hostsText);
            File.WriteAllText(resolv, "nameserver 127.0.0.1\n");
            const string script = "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/resolv.conf && shift 2 && exec dotnet \"$@\"";
            var args = new[] { "--mount", "bash", "-c", script, "probe", hosts, resolv, DllPath }.Concat(arguments).Concat(new[] { "--resolv", resolv });
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

    public sealed record ProbeReport(string Name, ProbeRow[] Results, bool Healthy)
    {
        public ProbeRow Layer(ResolutionLayer layer) => Assert.Single(Results, r => r.Layer == layer);

        /// <summary>The port row for one address.</summary>
        public ProbeRow At(string address) => Assert.Single(Results, r => r.Layer == ResolutionLayer.Port && r.FirstAddress == address);
    }

    /// <summary>A LocalhostResolutionResult read back from the probe's JSON (the output type has two constructors, so it is not deserialised directly).</summary>
    public sealed record ProbeRow(string Name, ResolutionLayer Layer, string Server, string[] Addresses, string FirstAddress, bool AllLoopback, string ResponseCode, ResolutionStatus Status, string Finding, int Port, int ResolvedOrder, ConnectOutcome? Outcome, string ListenerAddress, string ListenerProcess);
}
