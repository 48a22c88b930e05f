using System;
using System.Globalization;

namespace LoopbackTools.Dns;

/// <summary>Validation and comparison of domain names as queried (RFC 1035 2.3.4 limits).</summary>
internal static class DnsName
{
    /// <summary>Longest name in presentation form without the trailing dot (255 octets on the wire).</summary>
    public const int MaxLength = 253;

    public const int MaxLabelLength = 63;

    /// <summary>
    /// Trims one trailing dot, converts international names to their ASCII (punycode) form and checks
    /// label and name lengths. Throws <c>Dns.InvalidName</c> for anything that cannot be asked.
    /// </summary>
    public static string Normalize(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw DnsErrors.InvalidName(name ?? string.Empty, "is empty");
        }

        var trimmed = name.Trim();
        if (trimmed.EndsWith(".", StringComparison.Ordinal))
        {
            trimmed = trimmed.Substring(0, trimmed.Length - 1);
        }

        string ascii;
        try
        {
            ascii = IsAscii(trimmed) ? trimmed : new IdnMapping().GetAscii(trimmed);
        }
        catch (ArgumentException)
        {
            throw DnsErrors.InvalidName(name, "is not a valid international domain name");
        }

        if (ascii.Length == 0 || ascii.Length > MaxLength)
        {
            throw DnsErrors.InvalidName(name, $"must be 1 to {MaxLength} characters long");
        }

        foreach (var label in ascii.Split('.'))
        {
            if (label.Length == 0 || label.Length > MaxLabelLength)
            {
                throw DnsErrors.InvalidName(name, $"has a label that is empty or longer than {MaxLabelLength} characters");
            }

            foreach (var c in label)
            {
                if (c <= ' ' || c >= 0x7f)
                {
                    throw DnsErrors.InvalidName(name, "contains a space or control character");
                }
            }
        }

        return ascii;
    }

    /// <summary>DNS names compare case-insensitively in ASCII only (RFC 4343).</summary>
    public static bool AreEqual(string left, string right) =>
        string.Equals(left.TrimEnd('.'), right.TrimEnd('.'), StringComparison.OrdinalIgnoreCase);

    private static bool IsAscii(string s)
    {
        foreach (var c in s)
        {
            if (c >= 0x80)
            {
                return false;
            }
        }

        return true;
    }
}
