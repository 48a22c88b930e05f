using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Connection;
using LoopbackTools.Diagnostics;
using LoopbackTools.Trust;

using LoopbackTools.Sockets;

namespace LoopbackTools.Certificate;

/// <summary>
/// Test-LocalhostCertificate's engine: one handshake to the first address of the name that answers (trust sources
/// read meanwhile), then one verdict per client family.
/// </summary>
public sealed class LocalhostCertificateCheck
{
    /// <exception cref="LoopbackToolsException">Connection.InvalidPort, Dns.InvalidName, Certificate.NotTls/HandshakeFailed/NoConnection.</exception>
    public async Task<IReadOnlyList<LocalhostCertificateResult>> CheckAsync(LocalhostCertificateOptions options, CancellationToken cancellationToken)
    {
        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (options.Port < 1 || options.Port > 65535)
        {
            throw ConnectionErrors.InvalidPort(options.Port);
        }

        var name = options.Name.Trim();
        var environment = options.Environment ?? TrustEnvironment.Current();
        var trusts = Task.Run(() => TrustReaders.ReadAll(environment), cancellationToken);
        var (endpoint, handshake) = await HandshakeAsync(name, options.Port, options.Timeout, cancellationToken).ConfigureAwait(false);
        var target = endpoint is null ? $"{name}:{options.Port}" : HttpHeadRequest.Host(endpoint);
        var leaf = Completed(handshake, target, name, options.Port);
        var verdicts = CertificateJudge.Judge(name, leaf, handshake.Sent, await trusts.ConfigureAwait(false), environment, DateTime.UtcNow);
        return verdicts.Select(v => Row(name, options.Port, v, handshake, leaf)).ToArray();
    }

    /// <summary>
    /// What -Quiet returns (the one healthy rule, StepVerdict.AllHealthy): true when no client family here rejects the
    /// certificate. Warn (accepted, expires within 7 days) and Skipped (not installed here, or cannot tell) are not failures.
    /// </summary>
    public static bool Healthy(IEnumerable<LocalhostCertificateResult> rows) => StepVerdict.AllHealthy(rows.Select(r => r.Status));

    /// <summary>The handshake to the first address of <paramref name="name"/> that does not refuse (an address literal: itself).</summary>
    internal static async Task<(IPEndPoint? Endpoint, TlsHandshake Handshake)> HandshakeAsync(string name, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var addresses = IPAddress.TryParse(name.Trim('[', ']'), out var literal)
            ? new[] { literal }
            : await LookupAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        TlsHandshake? last = null;
        IPEndPoint? lastEndpoint = null;
        foreach (var address in addresses)
        {
            lastEndpoint = new IPEndPoint(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address, port);
            last = await TlsHandshakeProbe.HandshakeAsync(lastEndpoint, name, timeout, cancellationToken).ConfigureAwait(false);
            if (last.Outcome != TlsHandshakeOutcome.Refused)
            {
                return (lastEndpoint, last);
            }
        }

        return (lastEndpoint, last ?? new TlsHandshake(TlsHandshakeOutcome.Refused, $"{name} resolves to no address"));
    }

    /// <summary>The leaf of a completed handshake; otherwise the error that says what happened instead.</summary>
    internal static System.Security.Cryptography.X509Certificates.X509Certificate2 Completed(TlsHandshake handshake, string target, string name, int port) => handshake.Outcome switch
    {
        TlsHandshakeOutcome.Completed when handshake.Leaf is not null => handshake.Leaf,
        TlsHandshakeOutcome.NotTls => throw CertificateErrors.NotTls(target, name, port, handshake.AnsweredPlainHttp ? "an HTTP reply ('" + handshake.Detail.Split('\'')[1] + "')" : handshake.Detail),
        TlsHandshakeOutcome.Refused or TlsHandshakeOutcome.TimedOut => throw CertificateErrors.NoConnection(target, handshake.Detail),
        _ => throw CertificateErrors.HandshakeFailed(target, handshake.Detail),
    };

    private static async Task<IPAddress[]> LookupAsync(string name, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (addresses, failure) = await Resolution.OsResolverLayer.LookupAsync(name, timeout, cancellationToken).ConfigureAwait(false);
        return addresses is { Length: > 0 } ? addresses : throw CertificateErrors.NoConnection(name, $"{name} does not resolve ({failure})");
    }

    private static LocalhostCertificateResult Row(string name, int port, ClientVerdict verdict, TlsHandshake handshake, System.Security.Cryptography.X509Certificates.X509Certificate2 leaf) => new(
        name,
        port,
        verdict.Client,
        verdict.Verdict.Status,
        verdict.Verdict.Finding,
        verdict.Verdict.Evidence,
        handshake.Protocol,
        leaf.Subject,
        leaf.Issuer,
        leaf.NotAfter,
        CertificateFields.DnsNames(leaf),
        CertificateFields.Addresses(leaf),
        leaf.Thumbprint);
}
