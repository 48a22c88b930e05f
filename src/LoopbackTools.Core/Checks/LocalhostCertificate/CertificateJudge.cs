using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography.X509Certificates;
using LoopbackTools.Connection;
using LoopbackTools.Trust;

namespace LoopbackTools.Certificate;

/// <summary>
/// Judges a captured certificate for each client family: first what every client checks the same way (the name,
/// the dates, serverAuth), then whether the family's own trust sources lead to an authority it trusts.
/// </summary>
internal static class CertificateJudge
{
    private static readonly TimeSpan Soon = TimeSpan.FromDays(7);

    public static IReadOnlyList<ClientVerdict> Judge(string name, X509Certificate2 leaf, X509Certificate2[] sent, IReadOnlyList<ClientTrust> trusts, TrustEnvironment environment, DateTime now)
    {
        var common = CommonProblem(name, leaf, now);
        var expiring = leaf.NotAfter.ToUniversalTime() - now.ToUniversalTime() < Soon
            ? $"it expires on {CertificateFields.Date(leaf.NotAfter)}, within 7 days - renew it"
            : null;
        var maker = DevelopmentAuthorities.Recognise(leaf);
        return trusts.Select(t => new ClientVerdict(t.Family, JudgeOne(t, leaf, sent, common, expiring, maker, environment))).ToArray();
    }

    /// <summary>A reason every client rejects the certificate, whatever it trusts; null when there is none.</summary>
    public static string? CommonProblem(string name, X509Certificate2 leaf, DateTime now)
    {
        var utc = now.ToUniversalTime();
        if (leaf.NotAfter.ToUniversalTime() < utc)
        {
            return $"the certificate expired on {CertificateFields.Date(leaf.NotAfter)}" + (DevelopmentAuthorities.Recognise(leaf) == DevelopmentAuthority.DotnetDevCerts
                ? " - renew it: dotnet dev-certs https --clean; dotnet dev-certs https --trust"
                : " - issue a new one");
        }

        if (leaf.NotBefore.ToUniversalTime() > utc)
        {
            return $"the certificate is not valid until {CertificateFields.Date(leaf.NotBefore)} - check the clock, or issue one valid now";
        }

        var dns = CertificateFields.DnsNames(leaf);
        var addresses = CertificateFields.Addresses(leaf);
        if (!HostNameMatch.Matches(name, dns, addresses))
        {
            var listed = dns.Concat(addresses).ToArray();
            var names = listed.Length == 0 ? "it has no subject alternative names" : "its names are " + string.Join(", ", listed);
            var kind = System.Net.IPAddress.TryParse(name.Trim('[', ']'), out _) ? "address" : "name";
            return $"{name} is not among the certificate's names ({names}): clients check the {kind} they connect to - reissue it with {name} added"
                + (kind == "address" ? $" as an IP name, or connect by name" : string.Empty);
        }

        if (!CertificateFields.ServesTls(leaf))
        {
            return $"the certificate's extended key usage ({CertificateFields.Usages(leaf)}) does not allow serverAuth - issue one for TLS servers";
        }

        return null;
    }

    private static StepVerdict JudgeOne(ClientTrust trust, X509Certificate2 leaf, X509Certificate2[] sent, string? common, string? expiring, DevelopmentAuthority maker, TrustEnvironment environment)
    {
        if (trust.Absent.Length > 0)
        {
            return StepVerdict.Skipped("not judged: " + trust.Absent);
        }

        var evidence = trust.Sources.Select(Shown).Concat(trust.Note.Length > 0 ? new[] { trust.Note } : Array.Empty<string>()).ToArray();
        if (trust.Broken.Length > 0)
        {
            return StepVerdict.Fail(trust.Broken, evidence);
        }

        if (common is not null)
        {
            return StepVerdict.Fail(common, evidence);
        }

        var path = TrustPath.Walk(leaf, sent, trust);
        if (path.Trusted)
        {
            var accepted = $"trusted: {path.Anchor} is in {path.Source}";
            return expiring is null ? StepVerdict.Pass(accepted, evidence) : StepVerdict.Warn(accepted + ", but " + expiring, evidence);
        }

        var unreadable = trust.Sources.Where(s => s.Unreadable.Length > 0 && !s.Unreadable.StartsWith("does not exist", StringComparison.Ordinal)).ToArray();
        if (unreadable.Length > 0)
        {
            return StepVerdict.Skipped("cannot tell: " + string.Join("; ", unreadable.Select(s => s.Where + ": " + s.Unreadable)), evidence);
        }

        var makerText = maker == DevelopmentAuthority.None ? string.Empty : DevelopmentAuthorities.Describe(maker) + ": ";
        var caName = path.IssuerMissing ? CertificateFields.CommonName(path.Top, issuer: true) : CertificateFields.CommonName(path.Top);
        var fix = TrustFix.For(trust.Family, maker, caName, trust, environment);
        var looked = string.Join(", ", trust.Sources.Select(s => s.Where));
        if (path.IssuerMissing)
        {
            var sentText = sent.Length == 0 ? "the server sent no certificate with its leaf" : $"the server sent {sent.Length} certificate(s) with its leaf, not '{caName}'";
            return StepVerdict.Fail($"rejects: {makerText}its issuer '{caName}' is not in {looked} - {fix}", evidence.Concat(new[] { sentText }).ToArray());
        }

        var what = CertificateFields.SelfIssued(leaf) && ReferenceEquals(path.Top, leaf) ? "the self-signed certificate" : $"its root '{caName}'";
        return StepVerdict.Fail($"rejects: {makerText}{what} is not in {looked} - {fix}", evidence);
    }

    private static string Shown(TrustSource source) => source.Unreadable.Length > 0
        ? $"{source.Where}: {source.Unreadable}"
        : $"{source.Where}: {source.Certificates.Length} certificate(s)";
}
