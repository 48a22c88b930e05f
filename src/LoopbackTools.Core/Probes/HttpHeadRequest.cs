using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
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
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        WindowsSynRetries.DisableForLoopback(socket, endpoint.Address);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var closeOnCancel = limit.Token.Register(socket.Dispose);
        var buffer = new byte[HeadBytes];
        var length = 0;
        try
        {
            await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, (EndPoint)endpoint, null).ConfigureAwait(false);
            if (overTls)
            {
                length = await ExchangeOverTlsAsync(socket, hostName, request, buffer).ConfigureAwait(false);
                return length == 0 ? (null, "an empty reply (closed without a byte)") : (buffer.Take(length).ToArray(), string.Empty);
            }

            await Task.Factory.FromAsync((c, s) => socket.BeginSend(request, 0, request.Length, SocketFlags.None, c, s), socket.EndSend, null).ConfigureAwait(false);
            while (length < buffer.Length)
            {
                var offset = length;
                var read = await Task.Factory.FromAsync((c, s) => socket.BeginReceive(buffer, offset, buffer.Length - offset, SocketFlags.None, c, s), socket.EndReceive, null).ConfigureAwait(false);
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

            return length == 0 ? (null, "an empty reply (closed without a byte)") : (buffer.Take(length).ToArray(), string.Empty);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or System.IO.IOException or System.Security.Authentication.AuthenticationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (length > 0)
            {
                return (buffer.Take(length).ToArray(), string.Empty);
            }

            var what = limit.IsCancellationRequested
                ? string.Format(CultureInfo.InvariantCulture, "no reply within {0:0.###} s", timeout.TotalSeconds)
                : (e as SocketException)?.SocketErrorCode switch
                {
                    SocketError.ConnectionRefused => "a refused connection",
                    SocketError.ConnectionReset or SocketError.ConnectionAborted => "a reset (closed without a reply)",
                    _ => "an error: " + e.Message,
                };
            return (null, what);
        }
    }

    /// <summary>The same GET inside TLS (any certificate: the Tls step judges it); returns the bytes of the head read.</summary>
    private static async Task<int> ExchangeOverTlsAsync(Socket socket, string hostName, byte[] request, byte[] buffer)
    {
        using var tls = new System.Net.Security.SslStream(new NetworkStream(socket, ownsSocket: false), false, (_, _, _, _) => true);
        await tls.AuthenticateAsClientAsync(IPAddress.TryParse(hostName, out _) ? string.Empty : hostName).ConfigureAwait(false);
        await tls.WriteAsync(request, 0, request.Length).ConfigureAwait(false);
        var length = 0;
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

        return length;
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

    public static string Host(IPEndPoint endpoint) => endpoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{endpoint.Address}]:{endpoint.Port}"
        : $"{endpoint.Address}:{endpoint.Port}";

    public static string Printable(string text)
    {
        var clean = new string(text.Select(c => c < 32 || c > 126 ? '.' : c).ToArray()).Trim();
        return clean.Length <= 60 ? clean : clean.Substring(0, 60) + "...";
    }
}
