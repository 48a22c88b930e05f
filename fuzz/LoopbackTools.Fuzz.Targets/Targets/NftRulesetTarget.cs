using System.Text;
using LoopbackTools.Connection;

namespace LoopbackTools.Fuzz.Targets;

/// <summary>
/// The JSON of <c>nft -j list ruleset</c>, read as Test-LocalhostConnection's Firewall step does: the blocking
/// rules for a port, then the drop policies. Two choice bytes are the port (big-endian). Only non-JSON is a
/// documented error (FormatException); any JSON shape must be read without an exception.
/// </summary>
public static class NftRulesetTarget
{
    public static void Run(byte[] data)
    {
        var input = new FuzzInput(data, 2);
        var port = (input.Choice(0) << 8) | input.Choice(1);
        var json = Encoding.UTF8.GetString(input.Payload);
        IReadOnlyList<NftRule> rules;
        try
        {
            rules = NftRuleset.Blocking(json, port);
        }
        catch (FormatException)
        {
            return; // not JSON: the step reports it as skipped
        }

        FuzzInvariantException.Check(rules.All(r => r.Text is not null && r.DeleteCommand.Length > 0), "every rule renders");
        FuzzInvariantException.Check(NftRuleset.DropPolicies(json).All(p => p.Length > 0), "every drop policy is named");
    }
}
