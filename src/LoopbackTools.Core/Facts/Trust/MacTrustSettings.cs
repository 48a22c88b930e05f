using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Xml;
using System.Xml.Linq;

namespace LoopbackTools.Trust;

/// <summary>
/// The plist <c>security trust-settings-export [-d] file</c> writes (SecTrustSettingsCreateExternalRepresentation):
/// a dict whose <c>trustList</c> maps each certificate's SHA-1 (upper-case hex) to a dict with a <c>trustSettings</c>
/// array. An empty array trusts the certificate as a root for everything; otherwise each entry is a usage constraint
/// with an optional <c>kSecTrustSettingsPolicy</c> (the policy's OID bytes) and <c>kSecTrustSettingsResult</c>
/// (TrustRoot when absent). Only constraints for any policy or the SSL policy decide TLS.
/// </summary>
internal static class MacTrustSettings
{
    /// <summary>kSecPolicyAppleSSL, 1.2.840.113635.100.1.3, as the OID's content bytes the plist carries.</summary>
    private static readonly byte[] SslPolicy = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x63, 0x64, 0x01, 0x03 };

    /// <summary>SHA-1 (upper-case hex) to the setting for TLS servers; empty for empty text (no settings in the domain).</summary>
    /// <exception cref="FormatException">Not a trust settings plist.</exception>
    public static IReadOnlyDictionary<string, MacTrustSetting> Parse(string plist)
    {
        var settings = new Dictionary<string, MacTrustSetting>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(plist))
        {
            return settings;
        }

        XDocument document;
        try
        {
            // The DOCTYPE names Apple's DTD by URL: ignored, never fetched.
            var reader = XmlReader.Create(new System.IO.StringReader(plist), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new FormatException("not a plist: " + e.Message, e);
        }

        var top = document.Root?.Element("dict") ?? throw new FormatException("the plist holds no dict");
        var list = Value(top, "trustList") ?? throw new FormatException("the plist has no trustList");
        foreach (var (hash, entry) in Pairs(list))
        {
            var constraints = Value(entry, "trustSettings");
            settings[hash] = constraints is null ? MacTrustSetting.Trusted : ForTls(constraints.Elements("dict").ToArray());
        }

        return settings;
    }

    /// <summary>The first constraint that applies to TLS decides (the order Security.framework evaluates them in).</summary>
    private static MacTrustSetting ForTls(XElement[] constraints)
    {
        if (constraints.Length == 0)
        {
            return MacTrustSetting.Trusted;
        }

        foreach (var constraint in constraints)
        {
            var policy = Value(constraint, "kSecTrustSettingsPolicy");
            if (policy is not null && !Bytes(policy).SequenceEqual(SslPolicy))
            {
                continue;
            }

            var result = Value(constraint, "kSecTrustSettingsResult");
            var number = result is null ? 1 : int.Parse(result.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture);
            return number switch
            {
                1 or 2 => MacTrustSetting.Trusted,
                3 => MacTrustSetting.Deny,
                _ => MacTrustSetting.Unspecified,
            };
        }

        return MacTrustSetting.Unspecified;
    }

    private static IEnumerable<(string Key, XElement Value)> Pairs(XElement dict)
    {
        var elements = dict.Elements().ToArray();
        for (var i = 0; i + 1 < elements.Length; i += 2)
        {
            if (elements[i].Name == "key")
            {
                yield return (elements[i].Value.Trim(), elements[i + 1]);
            }
        }
    }

    private static XElement? Value(XElement dict, string key) =>
        Pairs(dict).Where(p => p.Key == key).Select(p => p.Value).FirstOrDefault();

    private static byte[] Bytes(XElement data)
    {
        try
        {
            return Convert.FromBase64String(new string(data.Value.Where(c => !char.IsWhiteSpace(c)).ToArray()));
        }
        catch (FormatException)
        {
            return Array.Empty<byte>();
        }
    }
}
