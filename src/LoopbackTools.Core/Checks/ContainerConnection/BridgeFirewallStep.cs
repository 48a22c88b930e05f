using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;
using LoopbackTools.Judges;

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
        return await FirewallJudge.JudgeAsync(port, symptom, evidence, bridges.Concat(new[] { "lo" }).ToArray(), Shown(bridges), $"from {facts.From}", options.NftPath, options.Timeout, () =>
            StepVerdict.Skipped($"no nftables rule of the host drops or rejects port {port} on {Shown(bridges)} ({symptom}); the container's own rules were not read - check them: nsenter -n -t {facts.Source.Pid} nft list ruleset", evidence),
            cancellationToken).ConfigureAwait(false);
    }

    private static string Shown(System.Collections.Generic.IReadOnlyList<string> bridges) => bridges.Count == 0 ? "the container's bridge" : string.Join(", ", bridges);
}
