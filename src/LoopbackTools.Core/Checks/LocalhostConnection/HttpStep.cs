using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Sockets;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 9 (with -Http): one <c>GET /</c> to the address that accepts, judged on the status line. Only the head is read (a
/// server may stream forever); a reply that is not HTTP is named, and a TLS server is recognised by its alert
/// record, or by a TLS handshake when the plain request got no answer.
/// </summary>
internal static class HttpStep
{
    public static async Task<StepVerdict> JudgeAsync(ConnectionFacts facts, TimeSpan timeout, CancellationToken cancellationToken, bool overTls = false)
    {
        var target = facts.AcceptedAttempts.OrderBy(a => a.Choice == 0 ? int.MaxValue : a.Choice).Select(a => a.Target).FirstOrDefault();
        if (target is null)
        {
            return StepVerdict.Skipped($"no address accepts port {facts.Port}, so no request was sent");
        }

        var endpoint = new IPEndPoint(target, facts.Port);
        var url = $"{(overTls ? "https" : "http")}://{HttpHeadRequest.Host(endpoint)}/";
        var (head, failure) = await HttpHeadRequest.GetAsync(endpoint, facts.Name, "/", timeout, cancellationToken, overTls).ConfigureAwait(false);
        if (overTls && (head is null || head.Length == 0))
        {
            return StepVerdict.Fail($"GET {url} got {failure}: no HTTP reply over TLS - check that this port serves HTTPS", $"GET {url}: {failure}");
        }

        if (head is null || head.Length == 0)
        {
            if (await SpeaksTlsAsync(endpoint, timeout, cancellationToken).ConfigureAwait(false))
            {
                return StepVerdict.Fail($"{HttpHeadRequest.Host(endpoint)} speaks TLS, not plain HTTP: GET {url} got {failure} - use https://{facts.Name}:{facts.Port}/", $"GET {url}: {failure}", "TLS handshake: completed");
            }

            return StepVerdict.Fail($"GET {url} got {failure}: the server accepts connections but does not answer HTTP - check that this port serves HTTP", $"GET {url}: {failure}");
        }

        if (head.Length >= 2 && head[0] == 0x15 && head[1] == 0x03)
        {
            return StepVerdict.Fail($"{HttpHeadRequest.Host(endpoint)} answered GET / with a TLS alert: it speaks TLS, not plain HTTP - use https://{facts.Name}:{facts.Port}/", $"GET {url}: TLS alert record ({Hex(head)})");
        }

        if (!HttpHeadRequest.TryReadStatus(head, out var status, out var line))
        {
            return StepVerdict.Fail($"GET {url} got a reply that is not HTTP ('{line}'): this port serves another protocol - check the port", $"GET {url}: {line}");
        }

        var text = Encoding.ASCII.GetString(head);
        var evidence = $"GET {url}: {line}";
        if (status == 400 && text.IndexOf("HTTPS port", StringComparison.OrdinalIgnoreCase) >= 0)
        {
            return StepVerdict.Fail($"{HttpHeadRequest.Host(endpoint)} says the plain HTTP request was sent to an HTTPS port - use https://{facts.Name}:{facts.Port}/", evidence);
        }

        return status switch
        {
            < 400 => StepVerdict.Pass($"GET {url} answers {line}", evidence),
            < 500 => StepVerdict.Warn($"GET {url} answers {line}: the server speaks HTTP but refuses / - check the path or the Host the app expects", evidence),
            _ => StepVerdict.Fail($"GET {url} answers {line}: the app behind the server fails - see its log", evidence),
        };
    }

    /// <summary>A TLS handshake (any certificate: only the protocol is being asked about).</summary>
    private static Task<bool> SpeaksTlsAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken cancellationToken) =>
        TlsHandshakeProbe.CompletesAsync(endpoint, "localhost", timeout, cancellationToken);

    private static string Hex(byte[] bytes) => string.Join(" ", bytes.Take(7).Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
}
