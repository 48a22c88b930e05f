using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;
using LoopbackTools.Addressing;
using LoopbackTools.Diagnostics;

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
        var order = (resolved ?? Array.Empty<IPAddress>()).Select(Unmap).Distinct().ToList();
        var candidates = order.Concat(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback }).Distinct().ToArray();
        var outcomes = await Task.WhenAll(candidates.Select(a => TcpConnectProbe.ConnectAsync(new IPEndPoint(a, port), timeout, cancellationToken))).ConfigureAwait(false);
        var table = _listeners.Find(port, cancellationToken);
        var accepted = candidates.Where((_, i) => outcomes[i] == ConnectOutcome.Accepted).ToArray();

        var rows = new List<LocalhostResolutionResult>();
        for (var i = 0; i < candidates.Length; i++)
        {
            var address = candidates[i];
            var listener = table is null ? null : Serving(table, address, port);
            var rank = order.IndexOf(address) + 1;
            var verdict = Judge(name, address, port, rank, outcomes[i], order, accepted, listener);
            var listenerAddress = table is null ? Unknown : listener?.Address.ToString() ?? string.Empty;
            rows.Add(new LocalhostResolutionResult(name, address, port, rank, outcomes[i], listenerAddress, Describe(listener), verdict.ToResolutionStatus(), verdict.Finding));
        }

        return rows;
    }

    /// <exception cref="LoopbackToolsException">Resolution.InvalidPort.</exception>
    public static void ValidatePort(int port)
    {
        if (port < 1 || port > 65535)
        {
            throw ResolutionErrors.InvalidPort(port);
        }
    }

    /// <summary>The listener a connection to <paramref name="address"/> reaches: an exact bind wins over a wildcard, as in the kernel.</summary>
    internal static ListenerBinding? Serving(IReadOnlyList<ListenerBinding> table, IPAddress address, int port)
    {
        var onPort = table.Where(l => l.Port == port).ToArray();
        var ipv6 = AddressSet.IsIPv6(address);
        return onPort.FirstOrDefault(l => Unmap(l.Address).Equals(address))
            ?? onPort.FirstOrDefault(l => AddressClassifier.IsUnspecified(l.Address) && AddressSet.IsIPv6(l.Address) == ipv6)
            ?? (ipv6 ? null : onPort.FirstOrDefault(l => l.Address.Equals(IPAddress.IPv6Any) && l.DualStack != false));
    }

    private static StepVerdict Judge(string name, IPAddress address, int port, int rank, ConnectOutcome outcome, IReadOnlyList<IPAddress> order, IPAddress[] accepted, ListenerBinding? listener)
    {
        var why = Explain(address, outcome);
        if (accepted.Length == 0)
        {
            return StepVerdict.Fail($"nothing accepts connections on port {port} at any loopback address ({why}): start the server, or check its port");
        }

        var where = AddressSet.Join(accepted);
        if (outcome == ConnectOutcome.Accepted)
        {
            if (listener is not null && AddressClassifier.IsUnspecified(listener.Address))
            {
                var bound = AddressSet.IsIPv6(listener.Address) ? $"[{listener.Address}]" : listener.Address.ToString();
                return StepVerdict.Warn($"listening on {bound}: reachable from the network, not only from this machine - bind to 127.0.0.1 and ::1 if only local clients should connect");
            }

            var reachableByName = order.Any(a => accepted.Contains(a));
            return rank > 0 || reachableByName || order.Count == 0
                ? StepVerdict.Pass(rank > 0 ? $"{name} resolves to {address} (choice {rank}) and the server accepts there" : $"the server accepts on {address} too; {name} does not resolve to it")
                : StepVerdict.Warn($"the server listens on {address}, but {name} does not resolve to it: clients using the name never come here");
        }

        if (rank == 1)
        {
            var family = AddressSet.Family(address);
            return StepVerdict.Fail($"{name} resolves to {address} first but the server listens only on {where}: clients that try {family} first will fail ({why}) - bind to {address} too, or to {name} on both families");
        }

        if (rank > 1)
        {
            return order.Any(a => accepted.Contains(a))
                ? StepVerdict.Warn($"{name} also resolves to {address}, but nothing accepts there ({why}): clients that try only this address fail - bind to {address} too")
                : StepVerdict.Fail($"{name} resolves to {address} but the server listens only on {where} ({why}) - bind to {address} too");
        }

        return StepVerdict.Pass($"{name} does not resolve to {address}; nothing accepts there ({why})");
    }

    private static string Explain(IPAddress address, ConnectOutcome outcome) => outcome switch
    {
        ConnectOutcome.Refused => $"{address} refuses",
        ConnectOutcome.TimedOut => $"{address} timed out: a firewall drops the connection, or the backlog is full",
        ConnectOutcome.Unreachable => AddressSet.IsIPv6(address) && AddressClassifier.IsLoopback(address)
            ? $"{address} is unreachable: IPv6 loopback is not configured here (IPv6 disabled?)"
            : $"{address} is unreachable from here",
        _ => $"{address} accepts",
    };

    private static string Describe(ListenerBinding? listener)
    {
        if (listener is null)
        {
            return string.Empty;
        }

        var pid = listener.ProcessId?.ToString(CultureInfo.InvariantCulture);
        return listener.ProcessName.Length == 0 ? pid is null ? string.Empty : "pid " + pid : pid is null ? listener.ProcessName : $"{listener.ProcessName} ({pid})";
    }

    private static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
