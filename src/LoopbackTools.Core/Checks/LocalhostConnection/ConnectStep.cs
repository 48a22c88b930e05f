using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Resolution;

namespace LoopbackTools.Connection;

/// <summary>Step 4: a real connection to every address of the name, and to 127.0.0.1 and ::1, judged for the first-address trap.</summary>
internal static class ConnectStep
{
    public static async Task<IReadOnlyList<ConnectAttempt>> AttemptAsync(IPAddress[] resolved, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var targets = resolved.Concat(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }).Distinct().ToArray();
        var outcomes = await Task.WhenAll(targets.Select(t => TcpConnectProbe.ConnectAsync(new IPEndPoint(t, port), timeout, cancellationToken))).ConfigureAwait(false);
        return targets.Select((t, i) => new ConnectAttempt(t, Array.IndexOf(resolved, t) + 1, outcomes[i])).ToArray();
    }

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

        var outcomes = await Task.WhenAll(targets.Select(t => TcpConnectProbe.ConnectAsync(new IPEndPoint(t, port), timeout, cancellationToken))).ConfigureAwait(false);
        return targets.Select((t, i) => new ConnectAttempt(t, -1, outcomes[i])).ToArray();
    }

    public static StepVerdict Judge(ConnectionFacts facts)
    {
        var name = facts.Name;
        var port = facts.Port;
        var evidence = facts.Attempts.Concat(facts.ListenerAttempts).Select(a => a.Shown).ToArray();
        var accepted = facts.AcceptedAttempts.Select(a => a.Target).ToArray();
        var byName = facts.Attempts.Where(a => a.Choice > 0).OrderBy(a => a.Choice).ToArray();
        if (accepted.Length == 0)
        {
            var what = string.Join(", ", facts.Attempts.Select(a => $"{a.Target} {Said(a.Outcome)}"));
            var down = facts.Loopback is { IsDown: true } ? facts.LoopbackCause(IPAddress.Loopback) : null;
            return down is null
                ? StepVerdict.Fail($"no address accepts port {port} ({what}){Measured(facts)}", evidence)
                : StepVerdict.Fail($"no address accepts port {port} ({what}): {down}", WithLoopback(evidence, facts));
        }

        var acceptedList = AddressSet.Join(accepted);
        if (byName.Length == 0)
        {
            return StepVerdict.Fail($"{name} does not resolve, but {acceptedList} accepts port {port} - connect to {accepted[0]}, or add {name} to the hosts file", evidence);
        }

        var first = byName[0];
        if (!first.Accepted)
        {
            if (facts.LoopbackCause(first.Target) is { } cause)
            {
                return StepVerdict.Fail($"first-address trap: {name} resolves to {first.Target} first, which {Said(first.Outcome)}, and only {acceptedList} accepts: {cause}", WithLoopback(evidence, facts));
            }

            return StepVerdict.Fail($"first-address trap: {name} resolves to {first.Target} first, which {Said(first.Outcome)}, and only {acceptedList} accepts: clients that try only the first address fail (Node 17+: ECONNREFUSED {first.Target}) - bind the server to {first.Target} too, or connect to {accepted[0]}", evidence);
        }

        var failing = byName.Where(a => !a.Accepted).ToArray();
        if (failing.Length > 0)
        {
            var later = AddressSet.Join(failing.Select(a => a.Target));
            var said = string.Join(", ", failing.Select(a => $"{a.Target} {Said(a.Outcome)}"));
            if (failing.Select(a => facts.LoopbackCause(a.Target)).FirstOrDefault(c => c is not null) is { } cause)
            {
                return StepVerdict.Warn($"{name}:{port} accepts at {first.Target}, but {name} also resolves to {later}, where nothing accepts ({said}): {cause}", WithLoopback(evidence, facts));
            }

            return StepVerdict.Warn($"{name}:{port} accepts at {first.Target}, but {name} also resolves to {later}, where nothing accepts ({said}): clients that pick it fail - bind the server to {later} too", evidence);
        }

        var all = AddressSet.Join(byName.Select(a => a.Target));
        return StepVerdict.Pass($"{name}:{port} accepts at every address {name} resolves to ({all})", evidence);
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

    private static string Endpoint(IPAddress address, int port) =>
        address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{address}]:{port}" : $"{address}:{port}";

    public static string Said(ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.Refused => "refuses",
        ConnectOutcome.TimedOut => "times out",
        ConnectOutcome.Unreachable => "is unreachable",
        _ => "accepts",
    };
}
