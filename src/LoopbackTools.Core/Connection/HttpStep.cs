using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Addressing;
using LoopbackTools.Sockets;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 8: one <c>GET /</c> to the address that accepts, judged on the status line. Only the head is read (a
/// server may stream forever); a reply that is not HTTP is named, and a TLS server is recognised by its alert
/// record, or by a TLS handshake when the plain request got no answer.
/// </summary>
internal static class HttpStep
{
    private const int HeadBytes = 4096;

    public static async Task<StepVerdict> JudgeAsync(ConnectionFacts facts, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var target = facts.AcceptedAttempts.OrderBy(a => a.Choice == 0 ? int.MaxValue : a.Choice).Select(a => a.Target).FirstOrDefault();
        if (target is null)
        {
            return StepVerdict.Skipped($"no address accepts port {facts.Port}, so no request was sent - see the Connect step");
        }

        var endpoint = new IPEndPoint(target, facts.Port);
        var url = $"http://{Host(endpoint)}/";
        var (head, failure) = await GetHeadAsync(endpoint, facts.Name, timeout, cancellationToken).ConfigureAwait(false);
        if (head is null || head.Length == 0)
        {
            if (await SpeaksTlsAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false))
            {
                return StepVerdict.Fail($"{Host(endpoint)} speaks TLS, not plain HTTP: GET {url} got {failure} - use https://{facts.Name}:{facts.Port}/", $"GET {url}: {failure}", "TLS handshake: completed");
            }

            return StepVerdict.Fail($"GET {url} got {failure}: the server accepts connections but does not answer HTTP - check that this port serves HTTP", $"GET {url}: {failure}");
        }

        if (head.Length >= 2 && head[0] == 0x15 && head[1] == 0x03)
        {
            return StepVerdict.Fail($"{Host(endpoint)} answered GET / with a TLS alert: it speaks TLS, not plain HTTP - use https://{facts.Name}:{facts.Port}/", $"GET {url}: TLS alert record ({Hex(head)})");
        }

        var text = Encoding.ASCII.GetString(head);
        var line = text.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None)[0];
        var parts = line.Split(new[] { ' ' }, 3);
        if (parts.Length < 2 || !parts[0].StartsWith("HTTP/", StringComparison.Ordinal) || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var status))
        {
            return StepVerdict.Fail($"GET {url} got a reply that is not HTTP ('{Printable(line)}'): this port serves another protocol - check the port", $"GET {url}: {Printable(line)}");
        }

        var evidence = $"GET {url}: {Printable(line)}";
        if (status == 400 && text.IndexOf("HTTPS port", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return StepVerdict.Fail($"{Host(endpoint)} says the plain HTTP request was sent to an HTTPS port - use https://{facts.Name}:{facts.Port}/", evidence);
        }

        return status switch
        {
            < 400 => StepVerdict.Pass($"GET {url} answers {Printable(line)}", evidence),
            < 500 => StepVerdict.Warn($"GET {url} answers {Printable(line)}: the server speaks HTTP but refuses / - check the path or the Host the app expects", evidence),
            _ => StepVerdict.Fail($"GET {url} answers {Printable(line)}: the app behind the server fails - see its log", evidence),
        };
    }

    private static async Task<(byte[]? Head, string Failure)> GetHeadAsync(IPEndPoint endpoint, string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var request = Encoding.ASCII.GetBytes($"GET / HTTP/1.1\r\nHost: {name}:{endpoint.Port}\r\nUser-Agent: LoopbackTools\r\nAccept: */*\r\nConnection: close\r\n\r\n");
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
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (length > 0)
            {
                return (buffer.Take(length).ToArray(), string.Empty);
            }

            var what = limit.IsCancellationRequested
                ? string.Format(CultureInfo.InvariantCulture, "no reply within {0:0.###} s", timeout.TotalSeconds)
                : (e as SocketException)?.SocketErrorCode is SocketError.ConnectionReset or SocketError.ConnectionAborted ? "a reset (closed without a reply)" : "an error: " + e.Message;
            return (null, what);
        }
    }

    /// <summary>A TLS handshake (any certificate: only the protocol is being asked about).</summary>
    private static async Task<bool> SpeaksTlsAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new TcpClient(endpoint.AddressFamily);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var closeOnCancel = limit.Token.Register(client.Dispose);
        try
        {
            await client.ConnectAsync(endpoint.Address, endpoint.Port).ConfigureAwait(false);
            using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
            await tls.AuthenticateAsClientAsync("localhost").ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or InvalidOperationException or System.Security.Authentication.AuthenticationException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static string Host(IPEndPoint endpoint) => endpoint.AddressFamily == AddressFamily.InterNetworkV6
        ? $"[{endpoint.Address}]:{endpoint.Port}"
        : $"{endpoint.Address}:{endpoint.Port}";

    private static string Printable(string text)
    {
        var clean = new string(text.Select(c => c < 32 || c > 126 ? '.' : c).ToArray()).Trim();
        return clean.Length <= 60 ? clean : clean.Substring(0, 60) + "...";
    }

    private static string Hex(byte[] bytes) => string.Join(" ", bytes.Take(7).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
