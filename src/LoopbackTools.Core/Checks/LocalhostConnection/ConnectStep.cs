using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Judges;
using LoopbackTools.Resolution;

namespace LoopbackTools.Connection;

/// <summary>Step 4: a real connection to every address of the name, and to 127.0.0.1 and ::1, judged for the first-address trap.</summary>
internal static class ConnectStep
{
    public static Task<IReadOnlyList<ConnectAttempt>> AttemptAsync(IPAddress[] resolved, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectAttempts.ConnectAsync(ConnectAttempts.WithLoopback(resolved), port, timeout, null, cancellationToken);

    public static StepVerdict Judge(ConnectionFacts facts)
    {
        var name = facts.Name;
        var port = facts.Port;
        var evidence = facts.Attempts.Select(a => a.Shown).ToArray();
        var judged = ConnectJudgement.Of(facts.Attempts);
        var accepted = judged.Accepted.Select(a => a.Target).ToArray();
        var acceptedList = AddressSet.Join(accepted);
        var first = judged.First;
        var finding = judged.Shape switch
        {
            ConnectShape.NoAttempt or ConnectShape.NothingAccepts =>
                $"no address accepts port {port} ({string.Join(", ", facts.Attempts.Select(a => ConnectWording.Said(a.Target, a.Outcome)))}) - {(facts.AnyListener ? "a listener is there: see the Firewall step" : "start the service, or check its port")}",
            ConnectShape.NameDoesNotResolve =>
                $"{name} does not resolve, but {acceptedList} accepts port {port} - connect to {accepted[0]}, or fix the hosts file (see the Resolution step)",
            ConnectShape.FirstAddressFails =>
                $"first-address trap: {name} resolves to {first!.Target} first, which {ConnectWording.Said(first.Outcome)}, and only {acceptedList} accepts: clients that try only the first address fail (Node 17+: ECONNREFUSED {first.Target}) - bind the server to {first.Target} too, or connect to {accepted[0]}",
            ConnectShape.LaterAddressFails =>
                $"{name}:{port} accepts at {first!.Target}, but {name} also resolves to {AddressSet.Join(judged.Failing.Select(a => a.Target))}, where nothing accepts ({string.Join(", ", judged.Failing.Select(a => ConnectWording.Said(a.Target, a.Outcome)))}): clients that pick it fail - bind the server to {AddressSet.Join(judged.Failing.Select(a => a.Target))} too",
            _ => $"{name}:{port} accepts at every address {name} resolves to ({AddressSet.Join(judged.ByName.Select(a => a.Target))})",
        };
        return new StepVerdict(judged.Status, finding, evidence);
    }

    /// <summary>Kept for callers of the old name; the wording lives in <see cref="ConnectWording"/>.</summary>
    public static string Said(ConnectOutcome outcome) => ConnectWording.Said(outcome);
}
