using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using DnsClient;
using LoopbackTools.Connection;
using LoopbackTools.Dns;
using LoopbackTools.Judges;
using LoopbackTools.Listeners.Linux;
using LoopbackTools.Resolution;

namespace LoopbackTools.ContainerConnection;

/// <summary>
/// Network work done from inside a container's network namespace, with no tool in its image: a dedicated thread enters
/// the namespace (setns, Listeners/Linux/NamespaceEntry) and ends afterwards, so no pooled thread ever moves. A socket
/// belongs to the namespace of the thread that created it, so sockets made there connect from inside wherever they
/// are used later; DNS questions are asked blocking on that thread, with every socket opened there.
/// </summary>
internal static class NamespaceProbe
{
    private static readonly DnsQueryClient Resolver = new();

    /// <summary>Enters the namespace once and leaves: the cheap proof that this caller may (Listeners.NamespaceUnavailable if not).</summary>
    public static void Enter(int pid) => NamespaceEntry.Run(pid, () => true);

    /// <summary>One TCP connection from inside to each target; Choice 0 marks a target no name resolved to (the gateway tried anyway).</summary>
    public static Task<IReadOnlyList<ConnectAttempt>> ConnectAsync(int pid, IReadOnlyList<(IPAddress Target, int Choice)> targets, int port, TimeSpan timeout, CancellationToken cancellationToken) =>
        ConnectAttempts.ConnectAsync(targets, port, timeout, families => NamespaceEntry.Run(pid, () => families.Select(TryOpen).ToArray()), cancellationToken);

    /// <summary>A and AAAA for <paramref name="name"/> to <paramref name="server"/>:53, asked from inside.</summary>
    public static IReadOnlyList<DnsQueryResult> Query(int pid, IPAddress server, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var options = new LoopbackTools.Dns.DnsQueryOptions { Timeout = timeout };
        var endpoint = new IPEndPoint(server, 53);
        // A and AAAA at once, each on its own namespace thread, as a stub resolver sends both before waiting.
        var asked = new[] { QueryType.A, QueryType.AAAA }
            .Select(t => Task.Run(() => NamespaceEntry.Run(pid, () => Resolver.QueryOnThisThread(endpoint, name, t, options)), cancellationToken))
            .ToArray();
        return Task.WhenAll(asked).GetAwaiter().GetResult();
    }

    private static Socket? TryOpen(AddressFamily family)
    {
        try
        {
            return new Socket(family, SocketType.Stream, ProtocolType.Tcp);
        }
        catch (SocketException)
        {
            return null; // the container has no stack of that family
        }
    }
}
