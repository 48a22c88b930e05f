using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Connection;
using LoopbackTools.Resolution;

namespace LoopbackTools.Judges;

/// <summary>The connect half of connect-and-judge: one TCP connection to each address, all at once, each with the deadline.</summary>
internal static class ConnectAttempts
{
    /// <summary>The name's addresses in the resolver's order (choice 1, 2, ...; IPv4-mapped unmapped), then <paramref name="alsoTry"/> (choice 0) not among them.</summary>
    public static IReadOnlyList<(IPAddress Target, int Choice)> Targets(IEnumerable<IPAddress>? resolved, params IPAddress[] alsoTry)
    {
        var byName = MappedAddress.UnmapAll(resolved);
        return byName.Select((a, i) => (a, i + 1)).Concat(alsoTry.Where(a => !byName.Contains(a)).Distinct().Select(a => (a, 0))).ToArray();
    }

    /// <summary>The name's addresses and 127.0.0.1 and ::1, as Test-LocalhostConnection and the port matrix try them.</summary>
    public static IReadOnlyList<(IPAddress Target, int Choice)> WithLoopback(IEnumerable<IPAddress>? resolved) =>
        Targets(resolved, IPAddress.Loopback, IPAddress.IPv6Loopback);

    /// <param name="openSockets">Makes the sockets, one per target family (null: here, in this namespace); a null socket is a family with no stack (Unreachable).</param>
    public static async Task<IReadOnlyList<ConnectAttempt>> ConnectAsync(
        IReadOnlyList<(IPAddress Target, int Choice)> targets, int port, TimeSpan timeout, Func<IReadOnlyList<AddressFamily>, Socket?[]>? openSockets, CancellationToken cancellationToken)
    {
        if (targets.Count == 0)
        {
            return Array.Empty<ConnectAttempt>();
        }

        var sockets = openSockets?.Invoke(targets.Select(t => t.Target.AddressFamily).ToArray());
        var outcomes = await Task.WhenAll(targets.Select((t, i) => sockets is null
            ? TcpConnectProbe.ConnectAsync(new IPEndPoint(t.Target, port), timeout, cancellationToken)
            : sockets[i] is { } socket
                ? TcpConnectProbe.ConnectAsync(socket, new IPEndPoint(t.Target, port), timeout, cancellationToken)
                : Task.FromResult(ConnectOutcome.Unreachable))).ConfigureAwait(false);
        return targets.Select((t, i) => new ConnectAttempt(t.Target, t.Choice, outcomes[i])).ToArray();
    }
}
