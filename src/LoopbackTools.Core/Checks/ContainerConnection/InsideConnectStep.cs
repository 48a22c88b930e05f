using System.Linq;
using LoopbackTools.Connection;
using LoopbackTools.Judges;
using LoopbackTools.Listeners;

namespace LoopbackTools.ContainerConnection;

/// <summary>Step Connect: a real TCP connection from inside the container's network namespace to each address the name resolved to.</summary>
internal static class InsideConnectStep
{
    public static StepVerdict Judge(ContainerConnectionFacts facts)
    {
        var name = facts.TargetName;
        var port = facts.Port;
        var from = facts.From;
        var evidence = facts.Attempts.Select(a => $"from {from}: {a.Shown}").ToArray();
        if (facts.Attempts.Count == 0)
        {
            return StepVerdict.Skipped($"{name} resolved to no address inside {from}, so no connection was made", evidence);
        }

        var judged = ConnectJudgement.Of(facts.Attempts, unreachableIsNoStack: true);
        var accepted = judged.Accepted;
        var first = judged.First;
        var noStack = judged.NoStack.Select(a => $"; {a.Target} is unreachable there: no such stack inside").FirstOrDefault() ?? string.Empty;
        var finding = judged.Shape switch
        {
            ConnectShape.NameDoesNotResolve =>
                $"{name} does not resolve inside {from}, but the gateway {accepted[0].Target} accepts port {port} - connect to {accepted[0].Target}:{port}, or make {name} resolve inside {from}",
            ConnectShape.FirstAddressFails =>
                $"first-address trap: {name} resolves inside {from} to {first!.Target} first, which {ConnectWording.Said(first.Outcome)}, and only {string.Join(", ", accepted.Select(a => a.Target.ToString()))} accepts: clients that try only the first address fail - bind the server to {first.Target} too",
            ConnectShape.LaterAddressFails =>
                $"{name}:{port} accepts from inside {from} at {accepted[0].Target}, but {ConnectWording.Said(judged.Failing[0].Target, judged.Failing[0].Outcome)}: clients that pick it fail",
            ConnectShape.EveryAddressAccepts =>
                $"{name}:{port} accepts from inside {from} ({string.Join(", ", accepted.Select(a => a.Target.ToString()))}){noStack}",
            _ => NothingAccepts(facts),
        };
        return new StepVerdict(judged.Status, finding, evidence);
    }

    /// <summary>Nothing accepted: the outcomes, and the remedy only where a measured fact supports one (a timeout is the Firewall step's to measure).</summary>
    private static string NothingAccepts(ContainerConnectionFacts facts)
    {
        var what = string.Join(", ", facts.Attempts.Select(a => ConnectWording.Said(a.Target, a.Outcome)));
        var next = facts.Attempts.Any(a => a.Outcome == ConnectOutcome.TimedOut) ? null : NextForRefused(facts);
        return $"nothing accepts {facts.TargetName}:{facts.Port} from inside {facts.From} ({what}){(next is null ? string.Empty : " - " + next)}";
    }

    /// <summary>The remedy a measured fact supports; null for the host, whose listener the HostBind step measures.</summary>
    private static string? NextForRefused(ContainerConnectionFacts facts)
    {
        if (facts.Kind == ContainerTargetKind.Host)
        {
            return null;
        }

        if (facts.Kind == ContainerTargetKind.Container && facts.Target is { } target && facts.AtTarget is { } listeners)
        {
            if (listeners.Count == 0)
            {
                return $"nothing listens on port {facts.Port} inside {target.Name}: start the service there, or check its port";
            }

            if (listeners.All(l => l.BindScope == BindScope.Loopback))
            {
                return $"{target.Name} listens only on its own loopback ({string.Join(", ", listeners.Select(ListenerText.Endpoint).Distinct())}): bind the app to 0.0.0.0";
            }
        }

        return "start the service, or check its port";
    }
}
