using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Infrastructure;

namespace LoopbackTools.Tests.Resolution;

/// <summary>
/// Runs tests/LoopbackTools.ResolutionProbe in a child mount namespace whose /etc/hosts is a file the test
/// wrote (and whose /etc/resolv.conf names only 127.0.0.1, unless the test gives its own), so the real OS resolver reads the test's hosts
/// file while the other tests of the sealed run keep theirs. Needs root (unshare --mount).
/// The child also gets its own nsswitch.conf (hosts: files dns) and an empty gai.conf (RFC 6724 order), which
/// the expectations assume: with nss-myhostname glibc answers *.localhost itself, and a gai.conf preferring IPv4
/// puts 127.0.0.1 first (issue 18). The seal binds the same files (scripts/seal-resolver-config.sh); binding them
/// here too keeps these tests right when they are run in a hand-made seal that lacks that script. A test that is
/// about the NSS chain gives its own nsswitch.conf text (<see cref="RunWithNsswitch"/>).
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
    public static string RunRaw(string hostsText, params string[] arguments) => RunWithResolvConf(hostsText, "nameserver 127.0.0.1\n", arguments);

    /// <summary>
    /// The probe in a fresh network namespace of its own (lo down, as the kernel makes it) after the shell commands
    /// <paramref name="setup"/> (each ending in " &amp;&amp; "); a pid namespace too, so a server started there dies with it.
    /// </summary>
    public static string RunInOwnNetwork(string hostsText, string setup, params string[] arguments) =>
        InChild(hostsText, "nameserver 127.0.0.1\n", "--net --mount --pid --fork --mount-proc", setup, arguments).Output;

    /// <summary>The probe's JSON output with the given resolv.conf over /etc/resolv.conf (`servers` prints what DnsClient finds there).</summary>
    public static string RunWithResolvConf(string hostsText, string resolvText, params string[] arguments) =>
        InChild(hostsText, resolvText, "--mount", string.Empty, arguments).Output;

    /// <summary>`check` with the test's own nsswitch.conf (and resolv.conf) bound over the child's.</summary>
    public static IReadOnlyList<ProbeReport> RunWithNsswitch(string hostsText, string nsswitchText, string resolvText, params string[] arguments) =>
        JsonSerializer.Deserialize<ProbeReport[]>(InChild(hostsText, resolvText, "--mount", string.Empty, new[] { "check" }.Concat(arguments).ToArray(), nsswitchText: nsswitchText).Output, Json)!;

    /// <summary>
    /// The probe in its own network namespace too, whose only interface, lo, also holds the default route: a query to
    /// any address at all would leave the process (and die on lo, inside that namespace) and be counted by an nftables
    /// rule on UDP and TCP port 53. Returns the probe's JSON and the packets counted.
    /// </summary>
    public static (string Output, long Port53Packets) RunCountingDnsPackets(string hostsText, string resolvText, params string[] arguments) =>
        RunCountingPackets(hostsText, resolvText, new[] { "udp dport 53", "tcp dport 53" }, arguments);

    /// <summary>As <see cref="RunCountingDnsPackets"/>, counting the outgoing packets that match any of <paramref name="matches"/> (nft expressions such as "ip daddr 192.0.2.1").</summary>
    public static (string Output, long Packets) RunCountingPackets(string hostsText, string resolvText, string[] matches, params string[] arguments)
    {
        var network = "ip link set lo up && ip route add default dev lo && ip -6 route add default dev lo && " +
            "nft add table inet lbt && nft add chain inet lbt out '{ type filter hook output priority 0; }' && " +
            string.Concat(matches.Select(m => $"nft add rule inet lbt out {m} counter && "));
        var result = InChild(hostsText, resolvText, "--net --mount", network, arguments, "; echo '=====' && nft -j list ruleset");
        var parts = result.Output.Split("=====");
        using var rules = JsonDocument.Parse(parts[1]);
        var packets = rules.RootElement.GetProperty("nftables").EnumerateArray()
            .Where(e => e.TryGetProperty("rule", out _))
            .SelectMany(e => e.GetProperty("rule").GetProperty("expr").EnumerateArray())
            .Where(x => x.TryGetProperty("counter", out _))
            .Sum(x => x.GetProperty("counter").GetProperty("packets").GetInt64());
        return (parts[0], packets);
    }

    private static ProcessResult InChild(string hostsText, string resolvText, string namespaces, string setup, string[] arguments, string after = "", string nsswitchText = "hosts: files dns\n")
    {
        var folder = Directory.CreateTempSubdirectory("lbt-probe-").FullName;
        try
        {
            var hosts = Path.Combine(folder, "hosts");
            var resolv = Path.Combine(folder, "resolv.conf");
            var nsswitch = Path.Combine(folder, "nsswitch.conf");
            var gai = Path.Combine(folder, "gai.conf");
            File.WriteAllText(hosts, hostsText);
            File.WriteAllText(resolv, resolvText);
            File.WriteAllText(nsswitch, nsswitchText);
            File.WriteAllText(gai, string.Empty);
            // gai.conf only where it exists: an absent one already means glibc's RFC 6724 defaults.
            var script = setup + "mount --bind \"$1\" /etc/hosts && mount --bind \"$2\" /etc/resolv.conf && mount --bind \"$3\" /etc/nsswitch.conf"
                + " && { [ ! -e /etc/gai.conf ] || mount --bind \"$4\" /etc/gai.conf; } && shift 4 && dotnet \"$@\"" + after;
            var args = namespaces.Split(' ').Concat(new[] { "bash", "-c", script, "probe", hosts, resolv, nsswitch, gai, DllPath }).Concat(arguments);
            return Components.Run.Command("unshare", args, TimeSpan.FromSeconds(120)).EnsureSuccess("resolution probe");
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
    public sealed record ProbeRow(string Name, ResolutionLayer Layer, string Server, string[] Addresses, string FirstAddress, bool AllLoopback, string ResponseCode, ResolutionStatus Status, string Finding, int Port, int ResolvedOrder, ConnectOutcome? Outcome, string ListenerAddress, string ListenerProcess, string Source, string[] Chain);
}
