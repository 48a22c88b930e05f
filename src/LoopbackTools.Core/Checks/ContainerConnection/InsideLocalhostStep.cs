using System.Linq;
using LoopbackTools.Connection;

namespace LoopbackTools.ContainerConnection;

/// <summary>Step Localhost: what localhost means inside — the container's own namespace, and whether anything listens there on the port.</summary>
internal static class InsideLocalhostStep
{
    public static StepVerdict Judge(ContainerConnectionFacts facts)
    {
        var from = facts.From;
        var port = facts.Port;
        if (facts.Source.SharesHostNetwork)
        {
            return StepVerdict.Pass($"{from} runs in the host's network namespace (--network host): there localhost is the host itself - localhost:{port} reaches the host's listeners");
        }

        if (facts.Inside is null)
        {
            return StepVerdict.Skipped($"the sockets inside {from} cannot be read ({facts.InsideFailure}), so what localhost:{port} reaches there is unknown");
        }

        var evidence = facts.Inside.Select(ListenerText.Evidence).ToArray();
        var own = string.Join(", ", facts.Inside.Select(ListenerText.Endpoint).Distinct());
        var right = facts.Kind == ContainerTargetKind.Host ? facts.TargetName : facts.Kind == ContainerTargetKind.Localhost ? facts.HostName : facts.TargetName;
        if (facts.Kind == ContainerTargetKind.Localhost)
        {
            return facts.Inside.Count > 0
                ? StepVerdict.Pass($"localhost:{port} inside {from} is {from}'s own listener ({own}): the container itself, not the host or another container", evidence)
                : StepVerdict.Fail($"nothing listens on port {port} inside {from}: there localhost is the container itself, not the host - connect to {facts.HostName}:{port} for a service on the host, or to the other container's name", evidence);
        }

        return facts.Inside.Count > 0
            ? StepVerdict.Warn($"{from} itself listens on port {port} ({own}): an app there that connects to localhost:{port} reaches that, not {right} - connect to {right}:{port}", evidence)
            : StepVerdict.Pass($"nothing listens on port {port} inside {from}: localhost there is the container itself - the app must connect to {right}:{port}, not localhost:{port}", evidence);
    }
}
