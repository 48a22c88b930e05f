using System;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;

namespace LoopbackTools.Proxy;

/// <summary>
/// The per-user WinINET proxy ("Internet Settings": ProxyEnable, ProxyServer, ProxyOverride) that .NET's HttpClient
/// and Python read on Windows when no proxy variable is set. Built from the three registry values (read by
/// <see cref="WinInetRegistry"/> on Windows; from .reg fixtures in the tests).
/// </summary>
internal sealed class WinInetProxySettings
{
    public WinInetProxySettings(int? proxyEnable, string? proxyServer, string? proxyOverride)
    {
        ProxyEnable = proxyEnable;
        ProxyServer = proxyServer?.Trim() ?? string.Empty;
        ProxyOverride = proxyOverride?.Trim() ?? string.Empty;
    }

    public int? ProxyEnable { get; }

    public string ProxyServer { get; }

    public string ProxyOverride { get; }

    public bool Enabled => ProxyEnable == 1 && ProxyServer.Length > 0;

    /// <summary>The proxy for a scheme: "http=h:p;https=h:p" per scheme, or one "h:p" for all; null when none.</summary>
    public ProxySource? ProxyFor(string scheme)
    {
        if (!Enabled)
        {
            return null;
        }

        var parts = ProxyServer.Split(';').Select(p => p.Trim()).Where(p => p.Length > 0).ToArray();
        if (!parts.Any(p => p.IndexOf('=') >= 0))
        {
            return new ProxySource("WinINET ProxyServer", ProxyServer);
        }

        var own = parts.FirstOrDefault(p => p.StartsWith(scheme + "=", StringComparison.OrdinalIgnoreCase));
        return own is null ? null : new ProxySource("WinINET ProxyServer", own.Substring(scheme.Length + 1));
    }

    /// <summary>
    /// The ProxyOverride entry that keeps <paramref name="host"/> off the proxy, or null. "&lt;local&gt;" means a name
    /// without a dot; .NET also counts loopback addresses as local (WebProxy.IsLocal), Python only the dotless rule
    /// (so ::1 is local to it, 127.0.0.1 is not). Other entries are wildcards (* and ?) over the whole host.
    /// </summary>
    public string? Bypassing(ClientFamily family, string host)
    {
        foreach (var entry in ProxyOverride.Split(';').Select(e => e.Trim()).Where(e => e.Length > 0))
        {
            if (string.Equals(entry, "<local>", StringComparison.OrdinalIgnoreCase))
            {
                var isAddress = IPAddress.TryParse(host, out var address);
                var local = family == ClientFamily.DotNet
                    ? (isAddress && IPAddress.IsLoopback(address!)) || (!isAddress && host.IndexOf('.') < 0)
                    : host.IndexOf('.') < 0;
                if (local)
                {
                    return entry;
                }
            }
            else if (Wildcard(entry).IsMatch(host) || Wildcard(entry).IsMatch("[" + host + "]"))
            {
                return entry;
            }
        }

        return null;
    }

    private static Regex Wildcard(string entry) =>
        new("^" + Regex.Escape(entry).Replace(@"\*", ".*").Replace(@"\?", ".") + "$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
