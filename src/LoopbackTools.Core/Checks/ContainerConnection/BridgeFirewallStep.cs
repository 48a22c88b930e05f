using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;

namespace LoopbackTools.ContainerConnection;

/// <summary>Step Firewall: when a connection from the container times out, the host's nftables rule that drops it (on the bridge, or on any interface).</summary>
internal static class BridgeFirewallStep
{
    public static async Task<StepVerdict> JudgeAsync(ContainerConnectionFacts facts, ContainerConnectionOptions options, CancellationToken cancellationToken)
    {
        var port = facts.Port;
        var timedOut = facts.Attempts.Where(a => a.Outcome == ConnectOutcome.TimedOut).ToArray();
        if (facts.Attempts.Count == 0)
        {
            return StepVerdict.Skipped($"no connection was made from {facts.From}, so no packet filter can be judged");
        }

        if (timedOut.Length == 0)
        {
            return facts.AnyAccepted
                ? StepVerdict.Pass($"no connection from {facts.From} timed out: no packet filter drops port {port} on the way")
                : StepVerdict.Pass($"the connections were refused, not dropped: an answer came back, so no packet filter drops port {port} on the way");
        }

        var symptom = string.Join(", ", timedOut.Select(a => $"{a.Target} timed out"));
        var evidence = timedOut.Select(a => $"from {facts.From}: {a.Shown}").ToArray();
        var bridges = facts.Bridges;
        var nft = NftReader.Find(options.NftPath);
        if (nft is null)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but nft is not installed, so the ruleset was not read - check iptables for port {port} on {Shown(bridges)}", evidence);
        }

        var (json, failure) = await NftReader.ReadAsync(nft, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but the ruleset was not read: {failure}", evidence);
        }

        try
        {
            var rules = NftRuleset.Blocking(json, port, bridges.Concat(new[] { "lo" }).ToArray());
            evidence = evidence.Concat(rules.Select(r => $"{r.Location}: {r.Text}")).ToArray();
            if (rules.Count > 0)
            {
                var rule = rules[0];
                return StepVerdict.Fail($"nftables rule '{rule.Text}' ({rule.Location}) {(rule.Rejects ? "rejects" : "drops")} port {port} from {facts.From} ({symptom}) - delete it ({rule.DeleteCommand}) or accept {Shown(bridges)} before it", evidence);
            }

            return StepVerdict.Fail($"{symptom}, and no nftables rule of the host names port {port} or {Shown(bridges)} - check the container's own rules (nsenter -n -t {facts.Source.Pid} nft list ruleset) and iptables-legacy", evidence);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but nft's ruleset could not be read ({e.Message})", evidence);
        }
    }

    private static string Shown(System.Collections.Generic.IReadOnlyList<string> bridges) => bridges.Count == 0 ? "the container's bridge" : string.Join(", ", bridges);
}
