using System;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Sockets;

namespace LoopbackTools.Resolution;

/// <summary>One TCP connection attempt with a bound, classified; the connection is closed at once.</summary>
internal static class TcpConnectProbe
{
    public static async Task<ConnectOutcome> ConnectAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
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
        catch (SocketException)
        {
            return ConnectOutcome.Unreachable; // the family itself is unsupported here (no IPv6 stack)
        }

        return await ConnectAsync(socket, endpoint, timeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Connects a socket made elsewhere (e.g. inside a container's network namespace, where it stays); disposes it.</summary>
    public static async Task<ConnectOutcome> ConnectAsync(Socket socket, IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        using (socket)
        using (deadline.Token.Register(socket.Dispose))
        {
            try
            {
                await socket.ConnectAsync(endpoint).ConfigureAwait(false);
                return ConnectOutcome.Accepted;
            }
            catch (Exception e) when (deadline.IsCancellationRequested && (e is ObjectDisposedException or SocketException or OperationCanceledException))
            {
                cancellationToken.ThrowIfCancellationRequested();
                return ConnectOutcome.TimedOut;
            }
            catch (SocketException e)
            {
                return e.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused or SocketError.ConnectionReset => ConnectOutcome.Refused,
                    SocketError.TimedOut => ConnectOutcome.TimedOut,
                    _ => ConnectOutcome.Unreachable,
                };
            }
        }
    }
}
