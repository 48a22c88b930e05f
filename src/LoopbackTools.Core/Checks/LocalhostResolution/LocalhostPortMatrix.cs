using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LoopbackTools.Addressing;
using LoopbackTools.Connection;
using LoopbackTools.Diagnostics;
using LoopbackTools.Judges;
using LoopbackTools.Listeners;

namespace LoopbackTools.Resolution;

/// <summary>
/// The resolve-by-listen matrix: a TCP connection to every address a name resolves to (and to 127.0.0.1 and ::1),
/// joined with the listener table, with a verdict per address naming the mismatch clients will hit.
/// </summary>
internal sealed class LocalhostPortMatrix
{
    private const string Unknown = "unknown";
    private readonly IListenerLookup _listeners;

    public LocalhostPortMatrix(IListenerLookup? listeners = null)
    {
        _listeners = listeners ?? new ScannerListenerLookup();
    }

    /// <param name="resolved">The name's addresses in the order clients try them (the OS resolver's order).</param>
    public async Task<IReadOnlyList<LocalhostResolutionResult>> ProbeAsync(string name, IReadOnlyList<IPAddress> resolved, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ValidatePort(port);
        var order = MappedAddress.UnmapAll(resolved);
        var attempts = await ConnectAttempts.ConnectAsync(ConnectAttempts.WithLoopback(order), port, timeout, null, cancellationToken).ConfigureAwait(false);
        var table = _listeners.Find(port, cancellationToken);
        var judged = ConnectJudgement.Of(attempts);

        var rows = new List<LocalhostResolutionResult>();
        foreach (var attempt in attempts)
        {
            var listener = table is null ? null : Serving(table, attempt.Target, port);
            var verdict = Judge(name, port, attempt, judged, order, listener);
            var listenerAddress = table is null ? Unknown : listener?.Address.ToString() ?? string.Empty;
            rows.Add(new LocalhostResolutionResult(name, attempt.Target, port, attempt.Choice, attempt.Outcome, listenerAddress, Describe(listener), verdict.ToResolutionStatus(), verdict.Finding));
        }

        return rows;
    }

    /// <exception cref="LoopbackToolsException">Resolution.InvalidPort.</exception>
    public static void ValidatePort(int port)
    {
        if (!TcpPort.IsValid(port))
        {
            throw ResolutionErrors.InvalidPort(port);
        }
    }

    /// <summary>The listener a connection to <paramref name="address"/> reaches: an exact bind wins over a wildcard, as in the kernel.</summary>
    internal static ListenerBinding? Serving(IReadOnlyList<ListenerBinding> table, IPAddress address, int port) =>
        ServingListener.Find(table.Where(l => l.Port == port), address, l => l.Address, l => l.DualStack);

    /// <summary>One address's row: the connect rule's status for it (ConnectJudgement.StatusAt), worded for this table, plus what the listener's bind means.</summary>
    private static StepVerdict Judge(string name, int port, ConnectAttempt attempt, ConnectJudgement judged, IReadOnlyList<IPAddress> order, ListenerBinding? listener)
    {
        var address = attempt.Target;
        var rank = attempt.Choice;
        var why = ConnectWording.Explained(address, attempt.Outcome);
        var status = judged.StatusAt(attempt);
        var literal = Dns.NameLiteral.Parse(name) is not null; // an address literal is not "resolved": it is the address
        if (judged.Shape == ConnectShape.NothingAccepts)
        {
            return new StepVerdict(status, $"nothing accepts connections on port {port} at any loopback address ({why}): start the server, or check its port", Array.Empty<string>());
        }

        var where = AddressSet.Join(judged.Accepted.Select(a => a.Target));
        if (attempt.Accepted)
        {
            if (listener is not null && AddressClassifier.IsUnspecified(listener.Address))
            {
                var bound = EndpointText.Host(listener.Address);
                return StepVerdict.Warn($"listening on {bound}: reachable from the network, not only from this machine - bind to 127.0.0.1 and ::1 if only local clients should connect");
            }

            var reachableByName = judged.ByName.Any(a => a.Accepted);
            if (literal)
            {
                return rank > 0 ? StepVerdict.Pass($"the server accepts at {name}") : new StepVerdict(status, $"the server accepts on {address} too", Array.Empty<string>());
            }

            return rank > 0 || reachableByName || order.Count == 0
                ? StepVerdict.Pass(rank > 0 ? $"{name} resolves to {address} (choice {rank}) and the server accepts there" : $"the server accepts on {address} too; {name} does not resolve to it")
                : StepVerdict.Warn($"the server listens on {address}, but {name} does not resolve to it: clients using the name never come here");
        }

        var finding = literal ? $"{EndpointText.Of(address, port)}: {why}, but the server listens only on {where} - connect to {where}, or bind the server to {address} too" : rank switch
        {
            1 => $"{name} resolves to {address} first but the server listens only on {where}: clients that try {AddressSet.Family(address)} first will fail ({why}) - bind to {address} too, or to {name} on both families",
            > 1 when status == ConnectionStatus.Warn => $"{name} also resolves to {address}, but nothing accepts there ({why}): clients that try only this address fail - bind to {address} too",
            > 1 => $"{name} resolves to {address} but the server listens only on {where} ({why}) - bind to {address} too",
            _ => $"{name} does not resolve to {address}; nothing accepts there ({why})",
        };
        return new StepVerdict(status, finding, Array.Empty<string>());
    }

    private static string Describe(ListenerBinding? listener)
    {
        if (listener is null)
        {
            return string.Empty;
        }

        var pid = listener.ProcessId?.ToString(CultureInfo.InvariantCulture);
        return listener.ProcessName.Length == 0 ? pid is null ? string.Empty : "pid " + pid : pid is null ? listener.ProcessName : $"{listener.ProcessName} ({pid})";
    }

}
