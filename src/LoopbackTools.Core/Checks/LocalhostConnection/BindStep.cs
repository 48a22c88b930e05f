using System.Linq;
using LoopbackTools.Listeners;
using LoopbackTools.Resolution;

namespace LoopbackTools.Connection;

/// <summary>Step 5: where the listener is bound, and who can therefore reach it; when nothing listens, whether a server may bind the port.</summary>
internal static class BindStep
{
    public static StepVerdict Judge(ConnectionFacts facts)
    {
        var port = facts.Port;
        if (facts.Listeners is null)
        {
            return StepVerdict.Skipped($"the listener table cannot be read here, so the bind address of port {port} is unknown - check it with the OS's own tool");
        }

        if (facts.Listeners.Count == 0)
        {
            return UnboundPortJudge.Judge(port, facts.BindFacts);
        }

        var listeners = facts.Listeners;
        var evidence = listeners.Select(ListenerText.Evidence).ToArray();
        var wildcard = listeners.Where(l => l.BindScope == BindScope.AllInterfaces).Select(ListenerText.Where).Distinct().ToArray();
        var specific = listeners.Where(l => l.BindScope == BindScope.Specific).Select(ListenerText.Where).Distinct().ToArray();
        var loopback = listeners.Where(l => l.BindScope == BindScope.Loopback).Select(ListenerText.Where).Distinct().ToArray();
        if ((wildcard.Length > 0 || loopback.Length > 0) && facts.Resolved.Length > 0 && facts.Resolved.All(a => facts.Serving(a) is null))
        {
            // Measured: the kernel would hand a connection to none of these addresses to any listener on the port.
            var bound = string.Join(", ", listeners.Select(ListenerText.Where).Distinct());
            var resolved = AddressSet.Join(facts.Resolved);
            if (facts.Literal is not null)
            {
                return StepVerdict.Fail(LiteralName.NotServed(facts, bound, ListenerText.Endpoint(listeners[0])), evidence);
            }

            return StepVerdict.Fail($"bound to {bound}, which {facts.Name} does not resolve to ({resolved}): clients of {facts.Name} cannot reach it - bind the server to {BindTarget(facts, listeners[0])}, or connect to {ListenerText.Endpoint(listeners[0])}", evidence);
        }

        if (wildcard.Length > 0)
        {
            var proxy = listeners.Any(ListenerStep.IsEngineProxy) ? "publish the container port on 127.0.0.1" : "bind to 127.0.0.1 and ::1";
            return StepVerdict.Warn($"bound to all interfaces ({string.Join(", ", wildcard)}): reachable from the network, not only from this machine - {proxy} if only local clients should connect", evidence);
        }

        if (loopback.Length == 0 && facts.Literal is { } literal && facts.Serving(literal) is { } serving)
        {
            return StepVerdict.Pass($"bound to {ListenerText.Where(serving)}, which serves {facts.Name}", evidence);
        }

        if (loopback.Length == 0)
        {
            return StepVerdict.Fail($"bound only to {string.Join(", ", specific)}, not to loopback: clients of localhost cannot reach it - bind to 127.0.0.1 and ::1 too, or connect to {specific[0]}", evidence);
        }

        if (specific.Length > 0)
        {
            return StepVerdict.Warn($"bound to loopback ({string.Join(", ", loopback)}) and to {string.Join(", ", specific)}: reachable wherever that address is routed - drop that bind if only local clients should connect", evidence);
        }

        return StepVerdict.Pass($"bound to loopback only ({string.Join(", ", loopback)}): reachable from this machine, not from the network", evidence);
    }

    private static System.Net.IPAddress BindTarget(ConnectionFacts facts, LoopbackListener listener) =>
        Addressing.AddressClassifier.TryParse(listener.LocalAddress, out var bound) ? facts.ResolvedLike(bound!) : facts.Resolved[0];
}
