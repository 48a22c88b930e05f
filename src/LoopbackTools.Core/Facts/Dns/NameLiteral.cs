using System.Net;
using System.Net.Sockets;
using LoopbackTools.Addressing;

namespace LoopbackTools.Dns;

/// <summary>
/// A -Name that is an IP address literal (192.0.2.1, ::1, [::1]): clients use it as is, so no hosts-file line or
/// DNS question applies to it and it is never looked up (docs/decisions.md 107). An IPv6 zone (fe80::1%lo) is
/// refused: it names a link, never this machine's loopback, and clients write it in URLs in different ways.
/// </summary>
internal static class NameLiteral
{
    /// <summary>The address when <paramref name="name"/> is a literal (brackets stripped); null for a host name.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Dns.ZonedAddress for an IPv6 literal with a zone; Dns.InvalidName for brackets around something else.</exception>
    public static IPAddress? Parse(string? name)
    {
        var text = (name ?? string.Empty).Trim();
        var bracketed = text.Length >= 2 && text[0] == '[' && text[text.Length - 1] == ']';
        var inner = bracketed ? text.Substring(1, text.Length - 2) : text;
        var percent = inner.IndexOf('%');
        if (percent >= 0 && AddressClassifier.TryParse(inner, out _))
        {
            throw DnsErrors.ZonedAddress(text, inner.Substring(percent));
        }

        if (AddressClassifier.TryParse(inner, out var address) && (!bracketed || address!.AddressFamily == AddressFamily.InterNetworkV6))
        {
            return address;
        }

        if (bracketed)
        {
            throw DnsErrors.InvalidName(text, "has brackets, which only an IPv6 address takes ([::1])");
        }

        return null;
    }

    /// <summary>How a literal is named in rows and findings: an IPv6 address in brackets, as in a URL ([::1]).</summary>
    public static string Shown(IPAddress address) => EndpointText.Host(address);
}
