using System;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Sockets;

/// <summary>
/// One connection through a forwarder (ssh -L, socat, kubectl port-forward), told apart by when it ends. A forwarder
/// accepts first and only then connects to its far end, closing our connection at once when that fails; a far end that
/// took the connection keeps it open. So the probe first listens without sending (the settle time): a close then is the
/// far end's refusal. Only an open connection gets a request, whose answer (or close) says the far end is alive; many
/// servers (HTTP, redis) never speak first, so silence before the request is not a failure.
/// </summary>
internal static class ForwarderProbe
{
    private static readonly byte[] Request = Encoding.ASCII.GetBytes("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n");

    /// <summary>The outcome; on Accepted, the reply. TimedOut: open and silent to the request until the deadline.</summary>
    public static Task<ProbeResult<ForwardReply>> ProbeAsync(IPEndPoint target, TimeSpan settle, TimeSpan timeout, CancellationToken cancellationToken) =>
        DeadlineSocket.RunAsync(target, timeout, socket => ExchangeAsync(socket, settle), cancellationToken);

    private static async Task<ForwardReply> ExchangeAsync(Socket socket, TimeSpan settle)
    {
        var unasked = Receive(socket);
        if (await Task.WhenAny(unasked, Task.Delay(settle)).ConfigureAwait(false) == unasked)
        {
            return await unasked.ConfigureAwait(false) > 0 ? ForwardReply.Answered : ForwardReply.ClosedUnasked;
        }

        await socket.SendAsync(new ArraySegment<byte>(Request), SocketFlags.None).ConfigureAwait(false);
        return await unasked.ConfigureAwait(false) > 0 ? ForwardReply.Answered : ForwardReply.ClosedAfterRequest;
    }

    /// <summary>Bytes read (0: closed); a reset counts as closed, the deadline's disposal is thrown to be classified.</summary>
    private static async Task<int> Receive(Socket socket)
    {
        try
        {
            return await socket.ReceiveAsync(new ArraySegment<byte>(new byte[1]), SocketFlags.None).ConfigureAwait(false);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }
}
