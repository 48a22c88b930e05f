using System.Linq;
using LoopbackTools.Connection;
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

        var accepted = facts.Attempts.Where(a => a.Accepted).ToArray();
        var byName = facts.Attempts.Where(a => a.Choice > 0).ToArray();
        if (accepted.Length > 0 && byName.Length == 0)
        {
            return StepVerdict.Warn($"{name} does not resolve inside {from}, but the gateway {accepted[0].Target} accepts port {port} - connect to {accepted[0].Target}:{port}, or make {name} resolve inside {from}", evidence);
        }

        if (accepted.Length > 0)
        {
            // Unreachable is a family the container has no stack for (Docker turns IPv6 off inside): clients skip it at once.
            var failing = byName.Where(a => !a.Accepted && a.Outcome != ConnectOutcome.Unreachable).ToArray();
            var skipped = byName.Where(a => a.Outcome == ConnectOutcome.Unreachable).Select(a => $"; {a.Target} is unreachable there: no such stack inside").FirstOrDefault() ?? string.Empty;
            return failing.Length == 0
                ? StepVerdict.Pass($"{name}:{port} accepts from inside {from} ({string.Join(", ", accepted.Select(a => a.Target.ToString()))}){skipped}", evidence)
                : StepVerdict.Warn($"{name}:{port} accepts from inside {from} at {accepted[0].Target}, but {failing[0].Target} {Said(failing[0].Outcome)}: clients that pick it fail", evidence);
        }

        var what = string.Join(", ", facts.Attempts.Select(a => $"{a.Target} {Said(a.Outcome)}"));
        var next = facts.Attempts.Any(a => a.Outcome == ConnectOutcome.TimedOut) ? null : NextForRefused(facts);
        return StepVerdict.Fail($"nothing accepts {name}:{port} from inside {from} ({what}){(next is null ? string.Empty : " - " + next)}", evidence);
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

    internal static string Said(ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.Refused => "refuses",
        ConnectOutcome.TimedOut => "times out",
        ConnectOutcome.Unreachable => "is unreachable",
        _ => "accepts",
    };
}
