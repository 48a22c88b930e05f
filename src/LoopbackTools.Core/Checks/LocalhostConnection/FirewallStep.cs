using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 6: when connections to an address a listener serves time out or are refused, the nftables ruleset (which
/// holds iptables-nft's tables too) is read; the step fails only on a rule or drop policy found there. Without a
/// matching rule it says so, and what it could not see (iptables-legacy tables, other OSes' filters).
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
                : StepVerdict.Skipped($"nothing listens on port {port}, so refused connections are expected and no packet filter was judged");
        }

        var symptom = string.Join(", ", blocked.Select(a => $"{a.Target} {(a.Outcome == ConnectOutcome.TimedOut ? "timed out" : "refused")}"));
        var evidence = blocked.Select(a => a.Shown).ToArray();
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return StepVerdict.Skipped($"{symptom} although a listener is there; this OS's packet filter rules are not read, so none was found or ruled out - check them for TCP port {port} on loopback", evidence);
        }

        var nft = NftReader.Find(options.NftPath);
        if (nft is null)
        {
            return StepVerdict.Skipped($"{symptom} although a listener is there; nft is not installed, so the ruleset was not read and no packet filter was found or ruled out - install nftables, or check iptables for port {port} on lo", evidence);
        }

        var (json, failure) = await NftReader.ReadAsync(nft, options.Timeout, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return StepVerdict.Skipped($"{symptom} although a listener is there; the ruleset was not read ({failure}), so no packet filter was found or ruled out", evidence);
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

            var legacy = LegacyTables();
            return legacy.Length > 0
                ? StepVerdict.Skipped($"no nftables rule drops or rejects port {port} on lo ({symptom}), but iptables-legacy tables ({string.Join(", ", legacy)}) exist, which nft does not show - check them: iptables-legacy -S; ip6tables-legacy -S", evidence)
                : StepVerdict.Pass($"no nftables rule drops or rejects port {port} on lo (iptables-nft's tables included, no iptables-legacy table): no packet filter here explains {symptom}", evidence);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return StepVerdict.Skipped($"{symptom} although a listener is there; nft's ruleset could not be read ({e.Message}), so no packet filter was found or ruled out", evidence);
        }
    }

    /// <summary>Tables of the legacy (x_tables) iptables in this network namespace, which the nftables ruleset does not hold.</summary>
    private static string[] LegacyTables()
    {
        var tables = new System.Collections.Generic.List<string>();
        foreach (var (file, family) in new[] { ("/proc/net/ip_tables_names", "ip"), ("/proc/net/ip6_tables_names", "ip6") })
        {
            try
            {
                tables.AddRange(System.IO.File.ReadAllLines(file).Where(l => l.Trim().Length > 0).Select(l => family + " " + l.Trim()));
            }
            catch (Exception e) when (e is System.IO.IOException or UnauthorizedAccessException)
            {
                // absent: the legacy module is not loaded, so there are no legacy rules
            }
        }

        return tables.ToArray();
    }
}
