using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Tests.Resolution;

namespace LoopbackTools.Tests.Connection;

/// <summary>
/// Test-LocalhostConnection's engine in a child process (the resolution probe's `connection` mode) whose
/// /etc/hosts is the test's own, in the seal's network namespace: it sees the test's listeners, rules and dockerd.
/// </summary>
public static class ConnectionProbe
{
    public const string BothFamilies = "127.0.0.1 localhost\n::1 localhost\n";
    public const string IPv4Only = "127.0.0.1 localhost\n";
    public const string IPv6First = "::1 localhost\n127.0.0.1 localhost\n";
    public const string NoEngine = "unix:///nonexistent/lbt-docker.sock";

    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true, Converters = { new JsonStringEnumConverter() } };

    public static Report Run(string hosts, int port, params string[] arguments) => Parse(ResolutionProbeProcess.RunRaw(hosts, Arguments(port, arguments)));

    /// <summary>The check in a fresh network namespace prepared by <paramref name="setup"/> (shell commands, each ending in " &amp;&amp; ").</summary>
    public static Report RunInOwnNetwork(string hosts, string setup, int port, params string[] arguments) =>
        Parse(ResolutionProbeProcess.RunInOwnNetwork(hosts, setup, Arguments(port, arguments)));

    public static Report Parse(string json) => new(JsonSerializer.Deserialize<LocalhostConnectionStep[]>(json, Json)!);

    private static string[] Arguments(int port, string[] arguments)
    {
        var args = new[] { "connection", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(arguments).ToArray();
        if (!arguments.Contains("--engine"))
        {
            args = args.Concat(new[] { "--engine", NoEngine }).ToArray();
        }

        return args;
    }

    public sealed record Report(LocalhostConnectionStep[] Steps)
    {
        public LocalhostConnectionStep this[ConnectionStep step] => Assert.Single(Steps, s => s.Step == step);

        public bool Healthy => Steps.All(s => s.Status != ConnectionStatus.Fail);

        public override string ToString() => string.Join(Environment.NewLine, Steps.Select(s => $"{s.Step} {s.Status}: {s.Finding} [{string.Join("; ", s.Evidence)}]"));
    }
}
