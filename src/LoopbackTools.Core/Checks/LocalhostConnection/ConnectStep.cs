using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
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

    public static StepVerdict Judge(ConnectionFacts facts)
    {
        var name = facts.Name;
        var port = facts.Port;
        var evidence = facts.Attempts.Select(a => a.Shown).ToArray();
        var accepted = facts.AcceptedAttempts.Select(a => a.Target).ToArray();
        var byName = facts.Attempts.Where(a => a.Choice > 0).OrderBy(a => a.Choice).ToArray();
        if (accepted.Length == 0)
        {
            var what = string.Join(", ", facts.Attempts.Select(a => $"{a.Target} {Said(a.Outcome)}"));
            var next = facts.AnyListener ? "a listener is there: see the Firewall step" : "start the service, or check its port";
            return StepVerdict.Fail($"no address accepts port {port} ({what}) - {next}", evidence);
        }

        var acceptedList = AddressSet.Join(accepted);
        if (byName.Length == 0)
        {
            return StepVerdict.Fail($"{name} does not resolve, but {acceptedList} accepts port {port} - connect to {accepted[0]}, or fix the hosts file (see the Resolution step)", evidence);
        }

        var first = byName[0];
        if (!first.Accepted)
        {
            var family = AddressSet.Family(first.Target);
            return StepVerdict.Fail($"first-address trap: {name} resolves to {first.Target} first, which {Said(first.Outcome)}, and only {acceptedList} accepts: clients that try only the first address fail (Node 17+: ECONNREFUSED {first.Target}) - bind the server to {first.Target} too, or connect to {accepted[0]}", evidence);
        }

        var failing = byName.Where(a => !a.Accepted).ToArray();
        if (failing.Length > 0)
        {
            var later = AddressSet.Join(failing.Select(a => a.Target));
            var said = string.Join(", ", failing.Select(a => $"{a.Target} {Said(a.Outcome)}"));
            return StepVerdict.Warn($"{name}:{port} accepts at {first.Target}, but {name} also resolves to {later}, where nothing accepts ({said}): clients that pick it fail - bind the server to {later} too", evidence);
        }

        var all = AddressSet.Join(byName.Select(a => a.Target));
        return StepVerdict.Pass($"{name}:{port} accepts at every address {name} resolves to ({all})", evidence);
    }

    public static string Said(ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.Refused => "refuses",
        ConnectOutcome.TimedOut => "times out",
        ConnectOutcome.Unreachable => "is unreachable",
        _ => "accepts",
    };
}
