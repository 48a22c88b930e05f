using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 6: a listener is there, yet connections to an address it serves time out or are refused — a packet
/// filter acts on loopback. On Linux the nftables ruleset is read and the rule named; elsewhere it is inferred.
/// </summary>
internal static class FirewallStep
{
    public static async Task<StepVerdict> JudgeAsync(ConnectionFacts facts, LocalhostConnectionOptions options, CancellationToken cancellationToken)
    {
        var port = facts.Port;
        // Loopback never times out on its own; refused where a listener serves the address means a reject rule.
        var blocked = facts.Attempts
            .Where(a => a.Outcome == ConnectOutcome.TimedOut || (a.Outcome == ConnectOutcome.Refused && facts.Serving(a.Target) is not null))
            .ToArray();
        if (blocked.Length == 0)
        {
            return facts.AnyListener || facts.AcceptedAttempts.Any()
                ? StepVerdict.Pass($"every address a listener serves accepted: no packet filter blocks port {port} on loopback")
                : StepVerdict.Skipped($"nothing listens on port {port}, so refused connections are expected, not a firewall - see the Listener step");
        }

        var symptom = string.Join(", ", blocked.Select(a => $"{a.Target} {(a.Outcome == ConnectOutcome.TimedOut ? "timed out" : "refused")}"));
        var evidence = blocked.Select(a => a.Shown).ToArray();
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return StepVerdict.Fail($"{symptom} although a listener is there: a packet filter acts on loopback (inferred from the behaviour; the rules are not read on this OS) - allow TCP port {port} on the loopback interface", evidence);
        }

        var nft = NftReader.Find(options.NftPath);
        if (nft is null)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but nft is not installed, so the ruleset was not read (inferred) - install nftables or check iptables for port {port} on lo", evidence);
        }

        var (json, failure) = await NftReader.ReadAsync(nft, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but the ruleset was not read: {failure} (inferred)", evidence);
        }

        try
        {
            var rules = NftRuleset.Blocking(json, port);
            var ruleEvidence = evidence.Concat(rules.Select(r => $"{r.Location}: {r.Text}")).ToArray();
            if (rules.Count > 0)
            {
                var rule = rules[0];
                var verb = rule.Rejects ? "rejects" : "drops";
                return StepVerdict.Fail($"nftables rule '{rule.Text}' ({rule.Location}) {verb} port {port} on loopback ({symptom}) - delete it ({rule.DeleteCommand}) or accept lo before it", ruleEvidence);
            }

            var policies = NftRuleset.DropPolicies(json);
            if (policies.Count > 0)
            {
                return StepVerdict.Fail($"{symptom} although a listener is there, and {policies[0]} drops what no rule accepts - add 'iifname \"lo\" accept' to that chain", evidence.Concat(policies).ToArray());
            }

            return StepVerdict.Fail($"{symptom} although a listener is there, and no nftables rule names port {port} or lo - check iptables-legacy rules, or a full accept backlog of the server", evidence);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but nft's ruleset could not be read ({e.Message}) (inferred)", evidence);
        }
    }
}
