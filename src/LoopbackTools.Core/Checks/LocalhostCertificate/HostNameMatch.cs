using System;
using System.Linq;
using System.Net;

namespace LoopbackTools.Certificate;

/// <summary>RFC 6125 as the clients apply it: an address must be an IP name; a host name a DNS name, '*' only as a whole leftmost label.</summary>
internal static class HostNameMatch
{
    public static bool Matches(string name, string[] dnsNames, string[] addresses)
    {
        if (IPAddress.TryParse(name.Trim('[', ']'), out var address))
        {
            return addresses.Any(a => IPAddress.TryParse(a, out var listed) && listed.Equals(address));
        }

        var host = name.TrimEnd('.');
        return dnsNames.Any(d => DnsMatches(host, d.TrimEnd('.')));
    }

    private static bool DnsMatches(string host, string pattern)
    {
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return string.Equals(host, pattern, StringComparison.OrdinalIgnoreCase);
        }

        var dot = host.IndexOf('.');
        return dot > 0 && string.Equals(host.Substring(dot), pattern.Substring(1), StringComparison.OrdinalIgnoreCase)
            && pattern.Count(c => c == '.') >= 2; // no "*.localhost"-style wildcard over a single label
    }
}
