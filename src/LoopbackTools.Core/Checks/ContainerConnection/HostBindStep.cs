using System.Linq;
using LoopbackTools.Connection;
using LoopbackTools.Listeners;

namespace LoopbackTools.ContainerConnection;

/// <summary>Step HostBind (host target): which host listener receives a connection that arrives through the bridge.</summary>
internal static class HostBindStep
{
    public static StepVerdict Judge(ContainerConnectionFacts facts)
    {
        var port = facts.Port;
        if (facts.Kind != ContainerTargetKind.Host)
        {
            return StepVerdict.Skipped($"the target is not the host: no host listener to judge");
        }

        if (facts.AtTarget is null)
        {
            return StepVerdict.Skipped($"the host's listener table cannot be read ({facts.AtTargetFailure}), so the bind address of port {port} is unknown");
        }

        var listeners = facts.AtTarget;
        var evidence = listeners.Select(ListenerText.Evidence).ToArray();
        if (listeners.Count == 0)
        {
            return StepVerdict.Fail($"nothing listens on port {port} on the host - start the service, or check its port", evidence);
        }

        var destination = facts.Attempts.Select(a => a.Target).FirstOrDefault();
        if (destination is null)
        {
            return StepVerdict.Skipped($"no address to connect to, so the listener that would receive it is unknown", evidence);
        }

        var served = facts.HostListenerFor(destination);
        if (served is null)
        {
            var where = string.Join(", ", listeners.Select(ListenerText.Endpoint).Distinct());
            var owner = ListenerText.Owner(listeners[0]);
            var loopbackOnly = listeners.All(l => l.BindScope == BindScope.Loopback);
            return loopbackOnly
                ? StepVerdict.Fail($"{owner} listens only on {where}, the host's loopback: a connection from {facts.From} arrives at {destination} through the bridge and is refused - bind it to {destination} (the bridge address), or to 0.0.0.0, which the network reaches too", evidence)
                : StepVerdict.Fail($"{owner} listens only on {where}, not on {destination}, where connections from {facts.From} arrive - bind it to {destination} too", evidence);
        }

        var who = ListenerText.Owner(served);
        var at = ListenerText.Endpoint(served);
        return served.BindScope == BindScope.AllInterfaces
            ? StepVerdict.Warn($"{who} on {at} receives connections from {facts.From} at {destination}, and from the network too - bind it to {destination} if only this machine and its containers should connect", evidence)
            : StepVerdict.Pass($"{who} on {at} receives connections from {facts.From} at {destination}, the bridge address", evidence);
    }
}
