using System.Globalization;
using System.Linq;
using System.Net.Sockets;
using System.Net;
using System.Text;
using System.Threading.Tasks;
using System.Threading;
using System;
using LoopbackTools.Sockets;

namespace LoopbackTools.Connection;

/// <summary>
/// One <c>GET</c> to one address, reading only the head of the reply (a server may stream forever): what the
/// Http step judges and what Wait-LocalhostConnection -Http polls.
/// </summary>
internal static class HttpHeadRequest
{
    private const int HeadBytes = 4096;

    /// <returns>The first bytes of the reply, up to its first line end (or a TLS alert); null and why when there are none.</returns>
    public static async Task<(byte[]? Head, string Failure)> GetAsync(IPEndPoint endpoint, string hostName, string path, TimeSpan timeout, CancellationToken cancellationToken, bool overTls = false)
    {
        var host = hostName.IndexOf(':') >= 0 ? "[" + hostName + "]" : hostName; // an IPv6 literal
        var request = Encoding.ASCII.GetBytes($"GET {path} HTTP/1.1\r\nHost: {host}:{endpoint.Port}\r\nUser-Agent: LoopbackTools\r\nAccept: */*\r\nConnection: close\r\n\r\n");
        var result = await DeadlineSocket.RunAsync(endpoint, timeout, socket => overTls ? ReadHeadOverTlsAsync(socket, hostName, request) : ReadHeadAsync(socket, request), cancellationToken).ConfigureAwait(false);
        return result.Outcome switch
        {
            PortReachability.Accepted when result.Value is { Length: > 0 } head => (head, string.Empty),
            PortReachability.Accepted or PortReachability.EmptyReply => (null, "an empty reply (closed without a byte)"),
            PortReachability.TimedOut => (null, string.Format(CultureInfo.InvariantCulture, "no reply within {0:0.###} s", timeout.TotalSeconds)),
            PortReachability.Refused => (null, "a refused connection"),
            PortReachability.Reset => (null, "a reset (closed without a reply)"),
            _ => (null, "an error: " + result.Error),
        };
    }

    /// <summary>Sends the request and reads up to the status line's end (or a TLS alert); what arrived before a reset or the deadline still counts.</summary>
    private static async Task<byte[]> ReadHeadAsync(Socket socket, byte[] request)
    {
        var buffer = new byte[HeadBytes];
        var length = 0;
        try
        {
            await socket.SendAsync(new ArraySegment<byte>(request), SocketFlags.None).ConfigureAwait(false);
            while (length < buffer.Length)
            {
                var read = await socket.ReceiveAsync(new ArraySegment<byte>(buffer, length, buffer.Length - length), SocketFlags.None).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0 || buffer[0] == 0x15)
                {
                    break; // the status line (or a TLS alert) is all that is judged
                }
            }
        }
        catch (Exception e) when (length > 0 && e is SocketException or ObjectDisposedException)
        {
            // the head that arrived is judged
        }

        return buffer.Take(length).ToArray();
    }

    /// <summary>The same GET inside TLS (any certificate: the Tls step judges it); a failed handshake is an empty reply here.</summary>
    private static async Task<byte[]> ReadHeadOverTlsAsync(Socket socket, string hostName, byte[] request)
    {
        var buffer = new byte[HeadBytes];
        var length = 0;
        try
        {
            using var tls = new System.Net.Security.SslStream(new NetworkStream(socket, ownsSocket: false), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync(IPAddress.TryParse(hostName, out _) ? string.Empty : hostName).ConfigureAwait(false);
            await tls.WriteAsync(request, 0, request.Length).ConfigureAwait(false);
            while (length < buffer.Length)
            {
                var read = await tls.ReadAsync(buffer, length, buffer.Length - length).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                length += read;
                if (Array.IndexOf(buffer, (byte)'\n', 0, length) >= 0)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (length > 0 || e is System.Security.Authentication.AuthenticationException || (e is System.IO.IOException && e.InnerException is not SocketException))
        {
            // the head that arrived is judged; a handshake that failed is the Tls step's to name
        }

        return buffer.Take(length).ToArray();
    }

    /// <summary>The status code of an HTTP status line at the start of <paramref name="head"/>; <paramref name="line"/> is that line, printable.</summary>
    public static bool TryReadStatus(byte[] head, out int status, out string line)
    {
        var text = Encoding.ASCII.GetString(head);
        var first = text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None)[0];
        line = Printable(first);
        var parts = first.Split(new[] { ' ' }, 3);
        status = 0;
        return parts.Length >= 2 && parts[0].StartsWith("HTTP/", StringComparison.Ordinal) && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out status);
    }

    public static string Host(IPEndPoint endpoint) => Addressing.EndpointText.Of(endpoint);

    public static string Printable(string text)
    {
        var clean = new string(text.Select(c => c < 32 || c > 126 ? '.' : c).ToArray()).Trim();
        return clean.Length <= 60 ? clean : clean.Substring(0, 60) + "...";
    }
}
