using System;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Certificate;

namespace LoopbackTools.Sockets;

/// <summary>
/// One TLS handshake to one address over <see cref="DeadlineSocket"/>, accepting any certificate: it captures what
/// the server presents (protocol, leaf, the certificates sent with it) and judges nothing. Where the runtime allows
/// (.NET 7+), chain building is told not to download missing intermediates, so the probe sends nothing beyond the
/// address it was given. The Tls step and Test-LocalhostCertificate judge the capture; the Http step only asks
/// whether a handshake completes.
/// </summary>
internal static class TlsHandshakeProbe
{
    /// <summary>Whether a TLS handshake completes at an address (any certificate: only the protocol is being asked about).</summary>
    public static async Task<bool> CompletesAsync(IPEndPoint endpoint, string serverName, TimeSpan timeout, CancellationToken cancellationToken) =>
        (await HandshakeAsync(endpoint, serverName, timeout, cancellationToken).ConfigureAwait(false)).Outcome == TlsHandshakeOutcome.Completed;

    public static async Task<TlsHandshake> HandshakeAsync(IPEndPoint endpoint, string serverName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        FirstBytesStream? recorded = null;
        Exception? failure = null;
        try
        {
            var result = await DeadlineSocket.RunAsync(endpoint, timeout, async socket =>
            {
                X509Certificate2? leaf = null;
                var sent = Array.Empty<X509Certificate2>();
                recorded = new FirstBytesStream(new NetworkStream(socket, ownsSocket: false));
                RemoteCertificateValidationCallback capture = (_, certificate, chain, _) =>
                {
                    leaf = certificate is null ? null : new X509Certificate2(certificate);
                    sent = SentWithLeaf(leaf, chain);
                    return true;
                };
                using var tls = new SslStream(recorded, true, capture);
                try
                {
                    await AuthenticateAsync(tls, capture, SniName(serverName), cancellationToken).ConfigureAwait(false);
                    return new TlsHandshake(TlsHandshakeOutcome.Completed, string.Empty, tls.SslProtocol.ToString(), leaf, sent, recorded.First);
                }
                catch (Exception e) when (e is AuthenticationException or InvalidOperationException || (e is IOException && e.InnerException is not SocketException))
                {
                    // The handshake itself failed (an alert, a reply that is not TLS, a close): judged from the bytes below.
                    // Socket-level ends (refused, reset, the deadline) are DeadlineSocket's to classify.
                    failure = e;
                    return null;
                }
            }, cancellationToken).ConfigureAwait(false);

            var first = recorded?.First ?? Array.Empty<byte>();
            return result.Outcome switch
            {
                PortReachability.Accepted when result.Value is { } completed => completed,
                PortReachability.Accepted or PortReachability.Reset or PortReachability.EmptyReply => FromReply(first, failure),
                PortReachability.TimedOut => new TlsHandshake(TlsHandshakeOutcome.TimedOut, string.Format(CultureInfo.InvariantCulture, "no handshake within {0:0.###} s", timeout.TotalSeconds), firstBytes: first),
                PortReachability.Refused => new TlsHandshake(TlsHandshakeOutcome.Refused, "a refused connection"),
                _ => new TlsHandshake(TlsHandshakeOutcome.Failed, "an error: " + result.Error),
            };
        }
        finally
        {
            recorded?.Dispose();
        }
    }

    /// <summary>A handshake that ended after the connection was made: what the server sent back says why.</summary>
    private static TlsHandshake FromReply(byte[] first, Exception? failure)
    {
        if (first.Length == 0)
        {
            return new TlsHandshake(TlsHandshakeOutcome.Closed, "closed without a byte in reply to the ClientHello");
        }

        // A TLS record starts with its type (20-23) and major version 3.
        var tlsRecord = first.Length >= 2 && first[0] >= 20 && first[0] <= 23 && first[1] == 3;
        var why = failure is null ? "the connection was reset" : Innermost(failure).Message;
        return tlsRecord
            ? new TlsHandshake(TlsHandshakeOutcome.Failed, "the handshake failed: " + why, firstBytes: first)
            : new TlsHandshake(TlsHandshakeOutcome.NotTls, "a reply that is not TLS: '" + Printable(first) + "'", firstBytes: first);
    }

    /// <summary>SNI carries host names only (RFC 6066): an address literal is sent as no name, as browsers and curl do.</summary>
    private static string SniName(string name) => IPAddress.TryParse(name, out _) ? string.Empty : name;

    /// <summary>The server's certificates other than the leaf: SslStream puts them in the chain's extra store (.NET Core).</summary>
    private static X509Certificate2[] SentWithLeaf(X509Certificate2? leaf, X509Chain? chain)
    {
        if (chain is null)
        {
            return Array.Empty<X509Certificate2>();
        }

        return chain.ChainPolicy.ExtraStore.Cast<X509Certificate2>()
            .Where(c => leaf is null || c.Thumbprint != leaf.Thumbprint)
            .Select(c => new X509Certificate2(c))
            .ToArray();
    }

    private static Task AuthenticateAsync(SslStream tls, RemoteCertificateValidationCallback capture, string targetHost, CancellationToken token)
    {
        var options = NoDownloadOptions(capture, targetHost);
        if (options is not null)
        {
            var method = typeof(SslStream).GetMethod("AuthenticateAsClientAsync", new[] { options.GetType(), typeof(CancellationToken) });
            if (method is not null)
            {
                return (Task)method.Invoke(tls, new[] { options, token })!;
            }
        }

        // netstandard2.0 / Windows PowerShell: no chain policy to pass; Windows' own chain engine decides on downloads.
        return tls.AuthenticateAsClientAsync(targetHost, null, SslProtocols.None, false);
    }

    /// <summary>SslClientAuthenticationOptions with a chain policy that downloads nothing, built by reflection (.NET 7+ only).</summary>
    private static object? NoDownloadOptions(RemoteCertificateValidationCallback capture, string targetHost)
    {
        var optionsType = typeof(SslStream).Assembly.GetType("System.Net.Security.SslClientAuthenticationOptions");
        var chainPolicy = optionsType?.GetProperty("CertificateChainPolicy");
        var noDownloads = typeof(X509ChainPolicy).GetProperty("DisableCertificateDownloads");
        if (optionsType is null || chainPolicy is null || noDownloads is null)
        {
            return null;
        }

        var policy = new X509ChainPolicy { RevocationMode = X509RevocationMode.NoCheck };
        noDownloads.SetValue(policy, true);
        var options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("TargetHost")!.SetValue(options, targetHost);
        optionsType.GetProperty("CertificateRevocationCheckMode")?.SetValue(options, X509RevocationMode.NoCheck);
        optionsType.GetProperty("RemoteCertificateValidationCallback")!.SetValue(options, capture);
        chainPolicy.SetValue(options, policy);
        return options;
    }

    private static Exception Innermost(Exception e) => e.InnerException is null ? e : Innermost(e.InnerException);

    private static string Printable(byte[] bytes)
    {
        var text = new string(bytes.Select(b => b < 32 || b > 126 ? '.' : (char)b).ToArray());
        return text.Trim();
    }
}
