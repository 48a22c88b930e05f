using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;

namespace LoopbackTools.Judges;

/// <summary>
/// The one firewall judge (Test-LocalhostConnection's and Test-ContainerConnection's Firewall steps): given connections
/// that a packet filter could explain, read the nftables ruleset (iptables-nft's tables are in it) and Fail only on
/// what was read there: a rule that drops or rejects the port on the interfaces the packets cross, or an input/output
/// chain whose policy is drop. Otherwise Skipped with what could not be seen (no nft, another OS, iptables-legacy
/// tables), or the caller's no-rule verdict. Never a guessed Fail.
/// </summary>
internal static class FirewallJudge
{
    /// <param name="symptom">The measured fact, e.g. "::1 timed out".</param>
    /// <param name="interfaces">The interfaces the packets arrive on (lo; a container's bridges and lo).</param>
    /// <param name="shown">Those interfaces as the remedy names them ("lo", "docker0").</param>
    /// <param name="direction">Where the port is blocked, for the finding: "on loopback", "from api".</param>
    /// <param name="noRule">The verdict when the ruleset was read whole, no rule or drop policy matches and no iptables-legacy table exists (a Pass, or Skipped naming what else was not read).</param>
    public static async Task<StepVerdict> JudgeAsync(
        int port,
        string symptom,
        string[] evidence,
        IReadOnlyList<string> interfaces,
        string shown,
        string direction,
        string? nftPath,
        TimeSpan timeout,
        Func<StepVerdict> noRule,
        CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return StepVerdict.Skipped($"{symptom} although a listener is there; this OS's packet filter rules are not read, so none was found or ruled out - check them for TCP port {port} {direction}", evidence);
        }

        var nft = NftReader.Find(nftPath);
        if (nft is null)
        {
            return StepVerdict.Skipped($"{symptom}; nft is not installed, so the ruleset was not read and no packet filter was found or ruled out - install nftables, or check iptables for port {port} on {shown}", evidence);
        }

        var (json, failure) = await NftReader.ReadAsync(nft, timeout, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return StepVerdict.Skipped($"{symptom}; the ruleset was not read ({failure}), so no packet filter was found or ruled out", evidence);
        }

        try
        {
            var rules = NftRuleset.Blocking(json, port, interfaces.ToArray());
            if (rules.Count > 0)
            {
                var rule = rules[0];
                var verb = rule.Rejects ? "rejects" : "drops";
                var ruleEvidence = evidence.Concat(rules.Select(r => $"{r.Location}: {r.Text}")).ToArray();
                return StepVerdict.Fail($"nftables rule '{rule.Text}' ({rule.Location}) {verb} port {port} {direction} ({symptom}) - delete it ({rule.DeleteCommand}) or accept {shown} before it", ruleEvidence);
            }

            var policies = NftRuleset.DropPolicies(json);
            if (policies.Count > 0)
            {
                return StepVerdict.Fail($"{symptom}, and {policies[0]} drops what no rule accepts - add 'iifname \"{interfaces[0]}\" accept' to that chain", evidence.Concat(policies).ToArray());
            }

            var legacy = IptablesLegacyTables.Read();
            return legacy.Count > 0
                ? StepVerdict.Skipped($"no nftables rule drops or rejects port {port} on {shown} ({symptom}), but iptables-legacy tables ({string.Join(", ", legacy)}) exist, which nft does not show - check them: iptables-legacy -S; ip6tables-legacy -S", evidence)
                : noRule();
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return StepVerdict.Skipped($"{symptom}; nft's ruleset could not be read ({e.Message}), so no packet filter was found or ruled out", evidence);
        }
    }
}
