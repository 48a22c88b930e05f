using System.Net.Sockets;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
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
        var result = await DeadlineSocket.RunAsync(target, timeout, AnswersAsync, cancellationToken).ConfigureAwait(false);
        return result.Outcome == PortReachability.Accepted && !result.Value ? PortReachability.EmptyReply : result.Outcome;
    }

    /// <summary>Any server speaks once it has a request (HTTP ones answer this one properly): true when a byte comes back.</summary>
    private static async Task<bool> AnswersAsync(Socket socket)
    {
        await socket.SendAsync(new ArraySegment<byte>(Request), SocketFlags.None).ConfigureAwait(false);
        return await socket.ReceiveAsync(new ArraySegment<byte>(new byte[1]), SocketFlags.None).ConfigureAwait(false) > 0;
    }
}
