using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using LoopbackTools.Proxy;

namespace LoopbackTools.Connection;

/// <summary>
/// Step 8: would an HTTP client send its request for the name, 127.0.0.1 or [::1] to a proxy? Judged from the
/// proxy variables (and WinINET on Windows) as each client family reads them; nothing is sent.
/// </summary>
internal static class ProxyStep
{
    private static readonly ClientFamily[] Families = { ClientFamily.Curl, ClientFamily.DotNet, ClientFamily.Python, ClientFamily.Go, ClientFamily.Node };

    private static readonly string[] LoopbackEntries = { "localhost", "127.0.0.1", "::1", "[::1]" };

    public static StepVerdict Judge(string name, int port, ProxyEnvironment variables, WinInetProxySettings? winInet)
    {
        var hosts = new[] { name.Trim('[', ']'), "127.0.0.1", "::1" }.Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        var schemes = variables.First("https_proxy", "HTTPS_PROXY") is not null || winInet?.ProxyFor("https") is not null ? new[] { "http", "https" } : new[] { "http" };
        var routes = schemes.SelectMany(s => hosts.SelectMany(h => Families.Select(f => ProxyRouting.Route(f, s, h, port, variables, winInet)))).ToArray();
        var settings = variables.Shown().Concat(WinInetShown(winInet)).ToArray();
        var evidence = settings.Concat(routes.Select(Shown)).ToArray();
        if (settings.Length == 0)
        {
            return StepVerdict.Pass($"no proxy variable is set: HTTP clients connect to {name}:{port} directly");
        }

        var proxied = routes.Where(r => r.Proxied).ToArray();
        if (proxied.Length == 0)
        {
            var names = string.Join(", ", settings.Select(s => s.Substring(0, s.IndexOf('='))));
            return StepVerdict.Pass($"{names} set, but no client family sends {Joined(hosts.Select(Display))} to a proxy", evidence);
        }

        // "localhost, 127.0.0.1 and [::1] to the proxy from curl, .NET and Python; ..." grouped by the same clients.
        var who = proxied
            .GroupBy(r => Display(HostOf(r)))
            .Select(g => (Host: g.Key, Clients: Joined(g.Select(r => r.Family).Distinct().OrderBy(f => f).Select(FamilyName))))
            .GroupBy(x => x.Clients)
            .Select((g, i) => $"{Joined(g.Select(x => x.Host))}{(i == 0 ? " to the proxy" : string.Empty)} from {g.Key}");
        var sources = proxied.Select(r => r.Proxy!.ToString()).Distinct().ToArray();
        return StepVerdict.Warn($"{Joined(sources)} {(sources.Length > 1 ? "send" : "sends")} {string.Join("; ", who)} - {Remedy(name, variables, proxied)}", evidence);
    }

    private static string Joined(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count < 2 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[list.Count - 1];
    }

    private static string Remedy(string name, ProxyEnvironment variables, IReadOnlyList<ProxyRoute> proxied)
    {
        var remedies = new List<string>();
        if (proxied.Any(r => !r.Proxy!.Name.StartsWith("WinINET", StringComparison.Ordinal)))
        {
            var current = variables.First("no_proxy", "NO_PROXY")?.Value ?? string.Empty;
            var present = current.Split(',').Select(e => e.Trim()).Where(e => e.Length > 0).ToList();
            var wanted = new[] { name }.Where(n => !IPAddress.TryParse(n.Trim('[', ']'), out _)).Concat(LoopbackEntries).Distinct(StringComparer.OrdinalIgnoreCase);
            var value = string.Join(",", present.Concat(wanted.Where(w => !present.Contains(w, StringComparer.OrdinalIgnoreCase))));
            remedies.Add(variables.IsSet("no_proxy") ? $"set no_proxy and NO_PROXY to {value}" : $"set NO_PROXY={value}");
        }

        if (proxied.Any(r => r.Proxy!.Name.StartsWith("WinINET", StringComparison.Ordinal)))
        {
            remedies.Add("add <local>;127.0.0.1;[::1] to ProxyOverride (Internet Options, LAN settings: bypass the proxy for local addresses)");
        }

        return string.Join(", and ", remedies);
    }

    private static IEnumerable<string> WinInetShown(WinInetProxySettings? winInet)
    {
        if (winInet is not { Enabled: true })
        {
            yield break;
        }

        yield return "WinINET ProxyServer=" + winInet.ProxyServer;
        if (winInet.ProxyOverride.Length > 0)
        {
            yield return "WinINET ProxyOverride=" + winInet.ProxyOverride;
        }
    }

    private static string Shown(ProxyRoute route) => route.Proxied
        ? $"{FamilyName(route.Family)} {route.Url} -> proxy ({route.Reason})"
        : $"{FamilyName(route.Family)} {route.Url} -> direct ({route.Reason})";

    private static string HostOf(ProxyRoute route)
    {
        var uri = new Uri(route.Url);
        return uri.Host.Trim('[', ']');
    }

    private static string Display(string host) => host.IndexOf(':') >= 0 ? "[" + host + "]" : host;

    private static string FamilyName(ClientFamily family) => family switch
    {
        ClientFamily.DotNet => ".NET",
        ClientFamily.Curl => "curl",
        _ => family.ToString(),
    };
}
