using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Judges;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 6: when connections to an address a listener serves time out or are refused, the nftables ruleset (which
/// holds iptables-nft's tables too) is read; the step fails only on a rule or drop policy found there. Without a
/// matching rule it says so, and what it could not see (iptables-legacy tables, other OSes' filters).
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
                : StepVerdict.Skipped($"nothing listens on port {port}, so refused connections are expected and no packet filter was judged");
        }

        var symptom = string.Join(", ", blocked.Select(a => $"{a.Target} {(a.Outcome == ConnectOutcome.TimedOut ? "timed out" : "refused")}"));
        var evidence = blocked.Select(a => a.Shown).ToArray();
        return await FirewallJudge.JudgeAsync(port, symptom, evidence, Loopback, "lo", "on loopback", options.NftPath, options.Timeout, () =>
            StepVerdict.Pass($"no nftables rule drops or rejects port {port} on lo (iptables-nft's tables included, no iptables-legacy table): no packet filter here explains {symptom}", evidence),
            cancellationToken).ConfigureAwait(false);
    }
}
