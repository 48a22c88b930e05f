using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Proxy;

/// <summary>
/// Whether a NO_PROXY value keeps a host off the proxy, as each client family reads it. Every rule below was
/// checked against the real client (curl 7.88, .NET 10 HttpClient, python3-requests 2.28) through tinyproxy
/// in tests/LoopbackTools.Tests/Proxy/RealClientProxyTests.cs; Node's (NODE_USE_ENV_PROXY) follows its documentation.
/// </summary>
internal static class NoProxyMatcher
{
    /// <summary>The entry that keeps <paramref name="host"/> (no brackets: "::1") off the proxy, or null.</summary>
    public static string? Bypassing(ClientFamily family, string noProxy, string host, int port)
    {
        if (string.IsNullOrWhiteSpace(noProxy))
        {
            return null;
        }

        var entries = noProxy.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToArray();
        return family switch
        {
            ClientFamily.Curl => noProxy.Trim() == "*" ? "*" : entries.FirstOrDefault(e => CurlMatches(e, host)),
            ClientFamily.Go => entries.FirstOrDefault(e => e == "*" || CurlMatches(e, host)),
            ClientFamily.DotNet => entries.FirstOrDefault(e => DotNetMatches(e, host)),
            ClientFamily.Python => entries.FirstOrDefault(e => PythonMatches(e, host, port)) ?? (entries.Contains("*") ? "*" : null),
            _ => entries.FirstOrDefault(e => NodeMatches(e, host, port)),
        };
    }

    // curl: one leading dot is dropped, then the host itself or any name under it; an IP only exactly ("[::1]" does
    // not match ::1) or by IPv4 CIDR (7.86+; ::1/128 did not match [::1] in curl 7.88); no port entries.
    private static bool CurlMatches(string entry, string host)
    {
        var name = entry.StartsWith(".", StringComparison.Ordinal) ? entry.Substring(1) : entry;
        if (IPAddress.TryParse(host, out var address))
        {
            return name.IndexOf('/') > 0 ? address.AddressFamily == AddressFamily.InterNetwork && InCidr(address, name) : SameAddress(name, address);
        }

        return string.Equals(host, name, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + name, StringComparison.OrdinalIgnoreCase);
    }

    // .NET compares with Uri.Host, which keeps the brackets of an IPv6 literal: only "[::1]" matches ::1. A leading
    // dot also matches the bare name; anything else must be equal. "*" and "*.x" are taken literally, CIDR not at all.
    private static bool DotNetMatches(string entry, string host)
    {
        var uriHost = host.IndexOf(':') >= 0 ? "[" + host + "]" : host;
        if (entry.StartsWith(".", StringComparison.Ordinal))
        {
            return string.Equals(uriHost, entry.Substring(1), StringComparison.OrdinalIgnoreCase) || uriHost.EndsWith(entry, StringComparison.OrdinalIgnoreCase);
        }

        return string.Equals(uriHost, entry, StringComparison.OrdinalIgnoreCase);
    }

    // requests: for an IPv4 host, an IPv4 CIDR or the exact address; for any other host a plain string suffix of
    // the host or of host:port ("ost" covers localhost, "localhost:3001" covers only that port); then urllib's
    // own rule (the name or a name under it) for what requests did not match.
    private static bool PythonMatches(string entry, string host, int port)
    {
        var isIPv4 = IPAddress.TryParse(host, out var address) && address.AddressFamily == AddressFamily.InterNetwork;
        if (isIPv4)
        {
            if (entry.IndexOf('/') > 0 ? InCidr(address!, entry) : entry == host)
            {
                return true;
            }
        }
        else if (host.EndsWith(entry, StringComparison.OrdinalIgnoreCase)
                 || (host + ":" + port.ToString(CultureInfo.InvariantCulture)).EndsWith(entry, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var name = entry.TrimStart('.');
        return string.Equals(host, name, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + name, StringComparison.OrdinalIgnoreCase);
    }

    // Node (NODE_USE_ENV_PROXY=1): "*", the exact host or host:port, ".x" and "*.x" for names under x.
    private static bool NodeMatches(string entry, string host, int port)
    {
        if (entry == "*")
        {
            return true;
        }

        var suffix = entry.StartsWith("*.", StringComparison.Ordinal) ? entry.Substring(1) : entry.StartsWith(".", StringComparison.Ordinal) ? entry : null;
        if (suffix is not null)
        {
            return host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase);
        }

        var withPort = (host.IndexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port.ToString(CultureInfo.InvariantCulture);
        return string.Equals(entry.Trim('[', ']'), host, StringComparison.OrdinalIgnoreCase) || string.Equals(entry, withPort, StringComparison.OrdinalIgnoreCase);
    }

    private static bool SameAddress(string entry, IPAddress address) => IPAddress.TryParse(entry, out var parsed) && entry.IndexOf('[') < 0 && parsed.Equals(address);

    private static bool InCidr(IPAddress address, string cidr)
    {
        var slash = cidr.IndexOf('/');
        if (!IPAddress.TryParse(cidr.Substring(0, slash), out var network) || network.AddressFamily != address.AddressFamily
            || !int.TryParse(cidr.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var bits))
        {
            return false;
        }

        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        if (bits > a.Length * 8)
        {
            return false;
        }

        for (var i = 0; i < bits; i++)
        {
            var mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (n[i / 8] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
