using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Judges;
using LoopbackTools.Resolution;

namespace LoopbackTools.Connection;

/// <summary>Step 4: a real connection to every address of the name, and to 127.0.0.1 and ::1, judged for the first-address trap.</summary>
internal static class ConnectStep
{
    public static Task<IReadOnlyList<ConnectAttempt>> AttemptAsync(IPAddress[] resolved, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectAttempts.ConnectAsync(ConnectAttempts.WithLoopback(resolved), port, timeout, null, cancellationToken);

    /// <summary>
    /// A connection to each address a listener is bound to that the attempts above did not try (127.0.0.2, an
    /// interface address), so a server bound elsewhere than the name resolves to is found by measurement.
    /// </summary>
    public static async Task<IReadOnlyList<ConnectAttempt>> AttemptListenersAsync(IReadOnlyList<LoopbackListener>? listeners, IReadOnlyList<ConnectAttempt> tried, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var targets = new List<IPAddress>();
        foreach (var listener in listeners ?? Array.Empty<LoopbackListener>())
        {
            if (AddressClassifier.TryParse(listener.LocalAddress, out var address) && !address!.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any)
                && !address.IsIPv6LinkLocal && !tried.Any(t => t.Target.Equals(address)) && !targets.Contains(address))
            {
                targets.Add(address);
            }
        }

        if (targets.Count == 0)
        {
            return Array.Empty<ConnectAttempt>();
        }

        // Choice -1: tried because a listener is bound there, not because the name resolves to it.
        return await ConnectAttempts.ConnectAsync(targets.Select(t => (t, -1)).ToArray(), port, timeout, null, cancellationToken).ConfigureAwait(false);
    }

    public static StepVerdict Judge(ConnectionFacts facts)
    {
        if (facts.Literal is { } literal)
        {
            return LiteralName.Connect(facts, literal, NothingAccepts);
        }

        var name = facts.Name;
        var port = facts.Port;
        var evidence = facts.Attempts.Concat(facts.ListenerAttempts).Select(a => a.Shown).ToArray();
        var judged = ConnectJudgement.Of(facts.Attempts);
        var accepted = judged.Accepted.Select(a => a.Target).ToArray();
        var acceptedList = AddressSet.Join(accepted);
        var first = judged.First;
        var finding = judged.Shape switch
        {
            ConnectShape.NoAttempt or ConnectShape.NothingAccepts => NothingAccepts(facts),
            ConnectShape.NameDoesNotResolve =>
                $"{name} does not resolve, but {acceptedList} accepts port {port} - connect to {accepted[0]}, or add {name} to the hosts file",
            ConnectShape.FirstAddressFails => facts.LoopbackCause(first!.Target) is { } cause
                ? $"first-address trap: {name} resolves to {first.Target} first, which {ConnectWording.Said(first.Outcome)}, and only {acceptedList} accepts: {cause}"
                : $"first-address trap: {name} resolves to {first.Target} first, which {ConnectWording.Said(first.Outcome)}, and only {acceptedList} accepts: clients that try only the first address fail (Node 17+: ECONNREFUSED {first.Target}) - bind the server to {first.Target} too, or connect to {accepted[0]}",
            ConnectShape.LaterAddressFails => LaterAddressFails(facts, judged),
            _ => $"{name}:{port} accepts at every address {name} resolves to ({AddressSet.Join(judged.ByName.Select(a => a.Target))})",
        };
        var loopbackNamed = judged.Shape switch
        {
            ConnectShape.NothingAccepts => facts.Loopback is { IsDown: true },
            ConnectShape.FirstAddressFails => facts.LoopbackCause(first!.Target) is not null,
            ConnectShape.LaterAddressFails => judged.Failing.Any(a => facts.LoopbackCause(a.Target) is not null),
            _ => false,
        };
        return new StepVerdict(judged.Status, finding, loopbackNamed ? WithLoopback(evidence, facts) : evidence);
    }

    /// <summary>Kept for callers of the old name; the wording lives in <see cref="ConnectWording"/>.</summary>
    public static string Said(ConnectOutcome outcome) => ConnectWording.Said(outcome);

    private static string NothingAccepts(ConnectionFacts facts)
    {
        var what = string.Join(", ", facts.Attempts.Select(a => ConnectWording.Said(a.Target, a.Outcome)));
        var down = facts.Loopback is { IsDown: true } ? facts.LoopbackCause(IPAddress.Loopback) : null;
        return down is null
            ? $"no address accepts port {facts.Port} ({what}){Measured(facts)}"
            : $"no address accepts port {facts.Port} ({what}): {down}";
    }

    private static string LaterAddressFails(ConnectionFacts facts, ConnectJudgement judged)
    {
        var later = AddressSet.Join(judged.Failing.Select(a => a.Target));
        var said = string.Join(", ", judged.Failing.Select(a => ConnectWording.Said(a.Target, a.Outcome)));
        var head = $"{facts.Name}:{facts.Port} accepts at {judged.First!.Target}, but {facts.Name} also resolves to {later}, where nothing accepts ({said})";
        return judged.Failing.Select(a => facts.LoopbackCause(a.Target)).FirstOrDefault(c => c is not null) is { } cause
            ? $"{head}: {cause}"
            : $"{head}: clients that pick it fail - bind the server to {later} too";
    }

    /// <summary>What was measured about why nothing accepted: a listener elsewhere, a full queue, or that nothing listens.</summary>
    private static string Measured(ConnectionFacts facts)
    {
        var port = facts.Port;
        var elsewhere = facts.ListenerAttempts.Where(a => a.Accepted).Select(a => a.Target).ToArray();
        if (elsewhere.Length > 0)
        {
            var at = string.Join(", ", elsewhere.Select(a => Endpoint(a, port)));
            var bindTo = facts.ResolvedLike(elsewhere[0]);
            return $": the server listens only on {at}, which accepts - connect to {Endpoint(elsewhere[0], port)}, or bind the server to {bindTo}, what {facts.Name} resolves to";
        }

        var full = facts.FullQueues.ToArray();
        if (full.Length > 0)
        {
            return $": {ListenerText.Owner(full[0])} listens but its accept queue is full ({ListenerText.Queue(full[0])}), so the kernel drops new connections";
        }

        if (facts.Listeners is { Count: 0 } && facts.Elsewhere is { Found.Count: > 0 } sweep)
        {
            return $": nothing listens on port {port} in this network namespace; {ListenerText.Owner(sweep.Found[0].Listener)} listens on it in {sweep.Found[0].Namespace}, which a connection from here never reaches";
        }

        if (facts.Listeners is { Count: 0 })
        {
            return $": nothing listens on port {port} - start the service, or check its port";
        }

        return facts.Listeners is { } listeners
            ? $", although {string.Join(" and ", listeners.Select(ListenerText.Owner).Distinct())} {(listeners.Select(ListenerText.Owner).Distinct().Count() > 1 ? "listen" : "listens")} at {string.Join(", ", listeners.Select(ListenerText.Where).Distinct())}"
            : " - start the service, or check its port";
    }

    private static string[] WithLoopback(string[] evidence, ConnectionFacts facts) =>
        evidence.Concat(facts.Loopback?.Evidence() ?? Enumerable.Empty<string>()).ToArray();

    private static string Endpoint(IPAddress address, int port) => EndpointText.Of(address, port);
}
