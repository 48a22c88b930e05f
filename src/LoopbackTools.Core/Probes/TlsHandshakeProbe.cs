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
using LoopbackTools.Sockets;

namespace LoopbackTools.Certificate;

/// <summary>
/// One TLS handshake to one address with a deadline, accepting any certificate: it captures what the server presents
/// (protocol, leaf, the certificates sent with it) and judges nothing. Where the runtime allows (.NET 7+), chain
/// building is told not to download missing intermediates, so the probe sends nothing beyond the address it was given.
/// </summary>
internal static class TlsHandshakeProbe
{
    public static async Task<TlsHandshake> HandshakeAsync(IPEndPoint endpoint, string serverName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (endpoint is null)
        {
            throw new ArgumentNullException(nameof(endpoint));
        }

        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        WindowsSynRetries.DisableForLoopback(socket, endpoint.Address);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        using var closeOnCancel = limit.Token.Register(socket.Dispose);
        X509Certificate2? leaf = null;
        var sent = Array.Empty<X509Certificate2>();
        FirstBytesStream? recorded = null;
        try
        {
            await Task.Factory.FromAsync(socket.BeginConnect, socket.EndConnect, (EndPoint)endpoint, null).ConfigureAwait(false);
            recorded = new FirstBytesStream(new NetworkStream(socket, ownsSocket: false));
            RemoteCertificateValidationCallback capture = (_, certificate, chain, _) =>
            {
                leaf = certificate is null ? null : new X509Certificate2(certificate);
                sent = SentWithLeaf(leaf, chain);
                return true;
            };
            using var tls = new SslStream(recorded, false, capture);
            await AuthenticateAsync(tls, capture, SniName(serverName), limit.Token).ConfigureAwait(false);
            return new TlsHandshake(TlsHandshakeOutcome.Completed, string.Empty, tls.SslProtocol.ToString(), leaf, sent, recorded.First);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or AuthenticationException or InvalidOperationException or OperationCanceledException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var first = recorded?.First ?? Array.Empty<byte>();
            if (limit.IsCancellationRequested)
            {
                return new TlsHandshake(TlsHandshakeOutcome.TimedOut, string.Format(CultureInfo.InvariantCulture, "no handshake within {0:0.###} s", timeout.TotalSeconds), firstBytes: first);
            }

            if (recorded is null)
            {
                var refused = (e as SocketException)?.SocketErrorCode == SocketError.ConnectionRefused;
                return new TlsHandshake(refused ? TlsHandshakeOutcome.Refused : TlsHandshakeOutcome.Failed, refused ? "a refused connection" : "an error: " + e.Message);
            }

            if (first.Length == 0)
            {
                return new TlsHandshake(TlsHandshakeOutcome.Closed, "closed without a byte in reply to the ClientHello");
            }

            // A TLS record starts with its type (20-23) and major version 3.
            var tlsRecord = first.Length >= 2 && first[0] >= 20 && first[0] <= 23 && first[1] == 3;
            return tlsRecord
                ? new TlsHandshake(TlsHandshakeOutcome.Failed, "the handshake failed: " + Innermost(e).Message, firstBytes: first)
                : new TlsHandshake(TlsHandshakeOutcome.NotTls, "a reply that is not TLS: '" + Printable(first) + "'", firstBytes: first);
        }
        finally
        {
            recorded?.Dispose();
        }
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
