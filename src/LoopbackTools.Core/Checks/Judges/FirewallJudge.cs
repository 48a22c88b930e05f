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
/// that a packet filter is the likely cause of, read the nftables ruleset and name the rule that drops or rejects
/// the port on the interfaces the packets cross. What the ruleset cannot show is said as such, never guessed.
/// </summary>
internal static class FirewallJudge
{
    /// <param name="symptom">The measured fact, e.g. "::1 timed out".</param>
    /// <param name="interfaces">The interfaces the packets arrive on (lo; a container's bridges and lo).</param>
    /// <param name="shown">Those interfaces as the remedy names them ("lo", "docker0").</param>
    /// <param name="direction">Where the port is blocked, for the finding: "on loopback", "from api".</param>
    /// <param name="noRule">The finding when no rule names the port or interfaces, given the ruleset's JSON (may look at chain policies).</param>
    public static async Task<StepVerdict> JudgeAsync(
        int port,
        string symptom,
        string[] evidence,
        IReadOnlyList<string> interfaces,
        string shown,
        string direction,
        string? nftPath,
        TimeSpan timeout,
        Func<string, StepVerdict> noRule,
        CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            return StepVerdict.Fail($"{symptom} although a listener is there: a packet filter acts {direction} (inferred from the behaviour; the rules are not read on this OS) - allow TCP port {port} on {shown}", evidence);
        }

        var nft = NftReader.Find(nftPath);
        if (nft is null)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but nft is not installed, so the ruleset was not read (inferred) - install nftables or check iptables for port {port} on {shown}", evidence);
        }

        var (json, failure) = await NftReader.ReadAsync(nft, timeout, cancellationToken).ConfigureAwait(false);
        if (json is null)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but the ruleset was not read: {failure} (inferred)", evidence);
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

            return noRule(json);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or Newtonsoft.Json.JsonException or ArgumentException)
        {
            return StepVerdict.Skipped($"{symptom}, which points to a packet filter, but nft's ruleset could not be read ({e.Message}) (inferred)", evidence);
        }
    }
}
