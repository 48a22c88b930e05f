using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Sockets;

namespace LoopbackTools.Containers;

/// <summary>
/// Sends a real request to a TCP port and classifies what comes back. Connecting alone is not enough:
/// Docker's userland proxy accepts every connection and only then finds the app unreachable.
/// </summary>
internal static class TcpRequestProbe
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");

    public static async Task<PortReachability> ProbeAsync(IPEndPoint target, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (target is null)
        {
            throw new ArgumentNullException(nameof(target));
        }

        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        WindowsSynRetries.DisableForLoopback(socket, target.Address);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var closeOnCancel = limit.Token.Register(socket.Dispose);
        try
        {
            await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, (EndPoint)target, null).ConfigureAwait(false);
            // Any server speaks once it has a request; HTTP ones answer this one properly.
            await Task.Factory.FromAsync((c, s) => socket.BeginSend(Request, 0, Request.Length, SocketFlags.None, c, s), socket.EndSend, null).ConfigureAwait(false);
            var buffer = new byte[1];
            var received = await Task.Factory.FromAsync((c, s) => socket.BeginReceive(buffer, 0, 1, SocketFlags.None, c, s), socket.EndReceive, null).ConfigureAwait(false);
            return received > 0 ? PortReachability.Accepted : PortReachability.EmptyReply;
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (limit.IsCancellationRequested)
            {
                return PortReachability.TimedOut;
            }

            return (e as SocketException)?.SocketErrorCode switch
            {
                SocketError.ConnectionRefused => PortReachability.Refused,
                SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown => PortReachability.Reset,
                SocketError.TimedOut => PortReachability.TimedOut,
                _ => PortReachability.Unreachable,
            };
        }
    }
}
