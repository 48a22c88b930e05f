using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Certificate;

/// <summary>
/// What a certificate says, read from its DER extensions (netstandard2.0 has no typed SAN or AKI): its DNS names and
/// addresses, the key identifiers that link it to its issuer, whether it may serve TLS.
/// </summary>
internal static class CertificateFields
{
    private const string SubjectAltName = "2.5.29.17";
    private const string AuthorityKeyId = "2.5.29.35";
    private const string SubjectKeyId = "2.5.29.14";
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string AnyUsage = "2.5.29.37.0";

    public static string[] DnsNames(X509Certificate2 certificate) => AltNames(certificate, 0x82).Select(b => System.Text.Encoding.ASCII.GetString(b)).ToArray();

    public static string[] Addresses(X509Certificate2 certificate) => AltNames(certificate, 0x87)
        .Where(b => b.Length == 4 || b.Length == 16)
        .Select(b => new IPAddress(b).ToString())
        .ToArray();

    public static bool HasAltNames(X509Certificate2 certificate) => certificate.Extensions[SubjectAltName] is not null;

    /// <summary>True when there is no EKU extension (any use) or it lists serverAuth or anyExtendedKeyUsage.</summary>
    public static bool ServesTls(X509Certificate2 certificate)
    {
        if (certificate.Extensions["2.5.29.37"] is not X509EnhancedKeyUsageExtension usage)
        {
            return true;
        }

        return usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == ServerAuth || o.Value == AnyUsage);
    }

    public static string Usages(X509Certificate2 certificate) =>
        certificate.Extensions["2.5.29.37"] is X509EnhancedKeyUsageExtension usage
            ? string.Join(", ", usage.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Select(o => o.FriendlyName ?? o.Value))
            : "(no extended key usage: any)";

    public static bool SelfIssued(X509Certificate2 certificate) => certificate.SubjectName.RawData.SequenceEqual(certificate.IssuerName.RawData);

    /// <summary>Does <paramref name="issuer"/> name and key-identify itself as the issuer of <paramref name="certificate"/>?</summary>
    public static bool Issued(X509Certificate2 issuer, X509Certificate2 certificate)
    {
        if (!issuer.SubjectName.RawData.SequenceEqual(certificate.IssuerName.RawData))
        {
            return false;
        }

        var wanted = AuthorityKeyIdentifier(certificate);
        var has = issuer.Extensions[SubjectKeyId] is X509SubjectKeyIdentifierExtension ski ? ski.SubjectKeyIdentifier : null;
        return wanted is null || has is null || string.Equals(wanted, has, StringComparison.OrdinalIgnoreCase);
    }

    public static string CommonName(X509Certificate2 certificate, bool issuer = false)
    {
        var name = certificate.GetNameInfo(X509NameType.SimpleName, issuer);
        return string.IsNullOrEmpty(name) ? (issuer ? certificate.Issuer : certificate.Subject) : name;
    }

    public static string Date(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The keyIdentifier of AuthorityKeyIdentifier ::= SEQUENCE { [0] keyIdentifier OPTIONAL, ... }, in hex.</summary>
    private static string? AuthorityKeyIdentifier(X509Certificate2 certificate)
    {
        var raw = certificate.Extensions[AuthorityKeyId]?.RawData;
        if (raw is null || raw.Length < 2 || raw[0] != 0x30)
        {
            return null;
        }

        var at = 1;
        ReadLength(raw, ref at);
        if (at >= raw.Length || raw[at] != 0x80)
        {
            return null;
        }

        at++;
        var length = ReadLength(raw, ref at);
        return at + length <= raw.Length ? string.Concat(raw.Skip(at).Take(length).Select(b => b.ToString("X2", CultureInfo.InvariantCulture))) : null;
    }

    /// <summary>The GeneralNames of the SAN extension with one context tag (0x82 dNSName, 0x87 iPAddress).</summary>
    private static IEnumerable<byte[]> AltNames(X509Certificate2 certificate, byte tag)
    {
        var raw = certificate.Extensions[SubjectAltName]?.RawData;
        if (raw is null || raw.Length < 2 || raw[0] != 0x30)
        {
            yield break;
        }

        var at = 1;
        var end = ReadLength(raw, ref at) + at;
        while (at < end && at < raw.Length)
        {
            var kind = raw[at++];
            var length = ReadLength(raw, ref at);
            if (length < 0 || at + length > raw.Length)
            {
                yield break;
            }

            if (kind == tag)
            {
                yield return raw.Skip(at).Take(length).ToArray();
            }

            at += length;
        }
    }

    private static int ReadLength(byte[] raw, ref int at)
    {
        if (at >= raw.Length)
        {
            return -1;
        }

        int first = raw[at++];
        if (first < 0x80)
        {
            return first;
        }

        var count = first & 0x7F;
        var length = 0;
        for (var i = 0; i < count && at < raw.Length; i++)
        {
            length = (length << 8) | raw[at++];
        }

        return length;
    }
}
