using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Net;
using System.Security.Authentication;
using System.Threading.Tasks;
using System.Threading;
using System;

namespace LoopbackTools.Sockets;

/// <summary>Whether a TLS handshake completes at an address (any certificate: only the protocol is being asked about).</summary>
internal static class TlsHandshakeProbe
{
    public static async Task<bool> CompletesAsync(IPEndPoint endpoint, string serverName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var result = await DeadlineSocket.RunAsync(endpoint, timeout, async socket =>
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            using var tls = new SslStream(stream, false, (_, _, _, _) => true);
            try
            {
                await tls.AuthenticateAsClientAsync(serverName).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or AuthenticationException)
            {
                cancellationToken.ThrowIfCancellationRequested();
                return false; // not TLS, or no handshake before the deadline
            }
        }, cancellationToken).ConfigureAwait(false);
        return result.Outcome == PortReachability.Accepted && result.Value;
    }
}
