using System.Net.Sockets;
using System.Net;
using System.Threading.Tasks;
using System.Threading;
using System;

namespace LoopbackTools.Sockets;

/// <summary>
/// The one socket-with-a-deadline: connect, run an exchange on the connected socket, all bounded by one timeout
/// (a linked token that disposes the socket, since netstandard2.0's socket calls take no token), and classify how
/// it ended as a <see cref="PortReachability"/>. The caller's own cancellation is thrown, never classified. Used by every probe (TCP connect, request,
/// HTTP head, TLS handshake).
/// </summary>
internal static class DeadlineSocket
{
    /// <summary>Makes a TCP socket for <paramref name="endpoint"/> here and runs <paramref name="exchange"/> over it.</summary>
    public static Task<ProbeResult<T>> RunAsync<T>(IPEndPoint endpoint, TimeSpan timeout, Func<Socket, Task<T>> exchange, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        Socket socket;
        try
        {
            socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            WindowsSynRetries.DisableForLoopback(socket, endpoint.Address);
        }
        catch (SocketException e)
        {
            return Task.FromResult(new ProbeResult<T>(PortReachability.Unreachable, default, e.Message)); // no stack of that family here
        }

        return RunAsync(socket, endpoint, timeout, exchange, cancellationToken);
    }

    /// <summary>The same over a socket made elsewhere (e.g. inside a container's network namespace); disposes it.</summary>
    public static async Task<ProbeResult<T>> RunAsync<T>(Socket socket, IPEndPoint endpoint, TimeSpan timeout, Func<Socket, Task<T>> exchange, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var connected = false;
        using (socket)
        using (deadline.Token.Register(socket.Dispose))
        {
            try
            {
                await socket.ConnectAsync(endpoint).ConfigureAwait(false);
                connected = true;
                var value = await exchange(socket).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return new ProbeResult<T>(PortReachability.Accepted, value, string.Empty);
            }
            catch (Exception e) when (deadline.IsCancellationRequested && IsSocketEnd(e))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return new ProbeResult<T>(PortReachability.TimedOut, default, string.Empty);
            }
            catch (Exception e) when (Unwrap(e) is SocketException s)
            {
                var outcome = s.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => PortReachability.Refused,
                    SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => connected ? PortReachability.Reset : PortReachability.Refused,
                    SocketError.TimedOut => PortReachability.TimedOut,
                    _ => PortReachability.Unreachable,
                };
                return new ProbeResult<T>(outcome, default, outcome == PortReachability.Unreachable ? s.Message : string.Empty);
            }
        }
    }

    /// <summary>The exceptions a socket call ends with when the deadline disposed it, or the far end went away.</summary>
    private static bool IsSocketEnd(Exception e) => e is ObjectDisposedException or SocketException or OperationCanceledException or System.IO.IOException;

    private static Exception Unwrap(Exception e) => e is System.IO.IOException { InnerException: SocketException inner } ? inner : e;
}
