using System.Net.Sockets;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;
using LoopbackTools.Sockets;

namespace LoopbackTools.Resolution;

/// <summary>One TCP connection attempt with a bound, classified; the connection is closed at once.</summary>
internal static class TcpConnectProbe
{
    public static async Task<ConnectOutcome> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await DeadlineSocket.RunAsync(endpoint, timeout, Connected, cancellationToken).ConfigureAwait(false)).Outcome.ToConnectOutcome();

    /// <summary>Connects a socket made elsewhere (e.g. inside a container's network namespace, where it stays); disposes it.</summary>
    public static async Task<ConnectOutcome> ConnectAsync(Socket socket, IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await DeadlineSocket.RunAsync(socket, endpoint, timeout, Connected, cancellationToken).ConfigureAwait(false)).Outcome.ToConnectOutcome();

    private static Task<bool> Connected(Socket socket) => Task.FromResult(true);
}
