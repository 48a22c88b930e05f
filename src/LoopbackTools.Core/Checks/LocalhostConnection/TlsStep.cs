using System;
using System.Linq;
using System.Net;
using System.Threading;
using System.Threading.Tasks;
using LoopbackTools.Certificate;
using LoopbackTools.Trust;

using LoopbackTools.Sockets;

namespace LoopbackTools.Connection;

/// <summary>
/// With -Https, after Connect: one TLS handshake to the address that accepts, then the certificate judged for every
/// client family (Test-LocalhostCertificate's rules): Fail when none accepts it, Warn naming those that reject it,
/// Pass when all do.
/// </summary>
internal static class TlsStep
{
    public static async Task<StepVerdict> JudgeAsync(ConnectionFacts facts, TimeSpan timeout, TrustEnvironment trustEnvironment, Task<System.Collections.Generic.IReadOnlyList<ClientTrust>> trusts, CancellationToken cancellationToken)
    {
        var target = facts.AcceptedAttempts.OrderBy(a => a.Choice == 0 ? int.MaxValue : a.Choice).Select(a => a.Target).FirstOrDefault();
        if (target is null)
        {
            return StepVerdict.Skipped($"no address accepts port {facts.Port}, so no TLS handshake was tried");
        }

        var endpoint = new IPEndPoint(target, facts.Port);
        var host = HttpHeadRequest.Host(endpoint);
        var handshake = await TlsHandshakeProbe.HandshakeAsync(endpoint, facts.Name, timeout, cancellationToken).ConfigureAwait(false);
        switch (handshake.Outcome)
        {
            case TlsHandshakeOutcome.NotTls:
                return StepVerdict.Fail($"{host} does not speak TLS: the ClientHello got {handshake.Detail} - it serves plain HTTP (or another protocol): use http://{facts.Name}:{facts.Port}/", "ClientHello: " + handshake.Detail);
            case TlsHandshakeOutcome.Completed when handshake.Leaf is not null:
                break;
            default:
                return StepVerdict.Fail($"the TLS handshake with {host} did not complete ({handshake.Detail}) - check the server's certificate, key and TLS settings", "ClientHello: " + handshake.Detail);
        }

        var leaf = handshake.Leaf;
        var verdicts = CertificateJudge.Judge(facts.Name, leaf, handshake.Sent, await trusts.ConfigureAwait(false), trustEnvironment, DateTime.UtcNow);
        var evidence = new[]
        {
            $"{host}: {handshake.Protocol}, {CertificateFields.CommonName(leaf)} issued by {CertificateFields.CommonName(leaf, issuer: true)}, valid until {CertificateFields.Date(leaf.NotAfter)}",
            "names: " + string.Join(", ", CertificateFields.DnsNames(leaf).Concat(CertificateFields.Addresses(leaf))),
            $"sent with the leaf: {handshake.Sent.Length} certificate(s)",
        }.Concat(verdicts.Select(v => $"{v.Client}: {v.Verdict.Status} - {v.Verdict.Finding}")).ToArray();
        var judged = verdicts.Where(v => v.Verdict.Status != ConnectionStatus.Skipped).ToArray();
        var rejecting = judged.Where(v => v.Verdict.Status == ConnectionStatus.Fail).ToArray();
        if (CertificateJudge.CommonProblem(facts.Name, leaf, DateTime.UtcNow) is { } common)
        {
            return StepVerdict.Fail("no client accepts it: " + common, evidence);
        }

        if (judged.Length > 0 && rejecting.Length == judged.Length)
        {
            return StepVerdict.Fail($"no client here accepts {CertificateFields.CommonName(leaf)}'s certificate ({string.Join(", ", rejecting.Select(v => v.Client))}): {rejecting[0].Verdict.Finding.Replace("rejects: ", string.Empty)}", evidence);
        }

        if (rejecting.Length > 0)
        {
            var accepted = string.Join(", ", judged.Except(rejecting).Select(v => v.Client));
            return StepVerdict.Warn($"{string.Join(", ", rejecting.Select(v => v.Client))} reject the certificate ({accepted} accept it) - Test-LocalhostCertificate {facts.Port} names each fix", evidence);
        }

        var warned = judged.FirstOrDefault(v => v.Verdict.Status == ConnectionStatus.Warn);
        if (warned.Verdict.Finding is { } soon)
        {
            return StepVerdict.Warn(soon.Substring(soon.IndexOf("but ", StringComparison.Ordinal) + 4), evidence);
        }

        return StepVerdict.Pass($"{handshake.Protocol}; every client family here accepts the certificate ({string.Join(", ", judged.Select(v => v.Client))})", evidence);
    }
}
