using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Judges;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 6: a listener is there, yet connections to an address it serves time out or are refused — a packet
/// filter acts on loopback. On Linux the nftables ruleset is read and the rule named; elsewhere it is inferred.
/// </summary>
internal static class FirewallStep
{
    private static readonly string[] Loopback = { "lo" };

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
        return await FirewallJudge.JudgeAsync(port, symptom, evidence, Loopback, "lo", "on loopback", options.NftPath, options.Timeout, json =>
        {
            var policies = NftRuleset.DropPolicies(json);
            return policies.Count > 0
                ? StepVerdict.Fail($"{symptom} although a listener is there, and {policies[0]} drops what no rule accepts - add 'iifname \"lo\" accept' to that chain", evidence.Concat(policies).ToArray())
                : StepVerdict.Fail($"{symptom} although a listener is there, and no nftables rule names port {port} or lo - check iptables-legacy rules, or a full accept backlog of the server", evidence);
        }, cancellationToken).ConfigureAwait(false);
    }
}
