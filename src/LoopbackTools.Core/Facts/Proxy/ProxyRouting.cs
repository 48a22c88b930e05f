using System;
using System.Globalization;
using System.Net;

namespace LoopbackTools.Proxy;

/// <summary>
/// Which proxy setting each client family reads for a URL, and whether its NO_PROXY (or ProxyOverride) keeps the
/// host off it. The variable order per family is what the real clients did in RealClientProxyTests: curl ignores
/// HTTP_PROXY (only lowercase http_proxy), .NET takes either case, Python drops HTTP_PROXY when REQUEST_METHOD is set
/// (CGI), and all three read the lowercase no_proxy before NO_PROXY.
/// </summary>
internal static class ProxyRouting
{
    public static ProxyRoute Route(ClientFamily family, string scheme, string host, int port, ProxyEnvironment variables, WinInetProxySettings? winInet)
    {
        var url = Url(scheme, host, port);
        switch (family)
        {
            case ClientFamily.Go when IsLoopback(host):
                return new ProxyRoute(family, url, null, "Go never proxies localhost or loopback");
            case ClientFamily.Node when variables.First("NODE_USE_ENV_PROXY")?.Value != "1":
                return new ProxyRoute(family, url, null, "Node: only with NODE_USE_ENV_PROXY=1");
        }

        var proxy = variables.First(ProxyNames(family, scheme, variables));
        if (proxy is null)
        {
            var fromWinInet = family is ClientFamily.DotNet or ClientFamily.Python ? winInet?.ProxyFor(scheme) : null;
            if (fromWinInet is null)
            {
                return new ProxyRoute(family, url, null, Unread(family, scheme, variables));
            }

            var overriding = winInet!.Bypassing(family, host);
            return overriding is null
                ? new ProxyRoute(family, url, fromWinInet, fromWinInet.ToString())
                : new ProxyRoute(family, url, null, $"WinINET ProxyOverride entry {overriding}");
        }

        var noProxy = family is ClientFamily.Go or ClientFamily.Node ? variables.First("NO_PROXY", "no_proxy") : variables.First("no_proxy", "NO_PROXY");
        var entry = noProxy is null ? null : NoProxyMatcher.Bypassing(family, noProxy.Value, host, port);
        return entry is null
            ? new ProxyRoute(family, url, proxy, proxy.ToString())
            : new ProxyRoute(family, url, null, $"{noProxy!.Name} entry {entry}");
    }

    public static string Url(string scheme, string host, int port) =>
        string.Format(CultureInfo.InvariantCulture, host.IndexOf(':') >= 0 ? "{0}://[{1}]:{2}" : "{0}://{1}:{2}", scheme, host, port);

    /// <summary>Why no variable applies: say so when the client skipped one that is set (curl and CGI Python skip HTTP_PROXY).</summary>
    private static string Unread(ClientFamily family, string scheme, ProxyEnvironment variables) =>
        scheme == "http" && variables.IsSet("HTTP_PROXY") && family is ClientFamily.Curl or ClientFamily.Python
            ? family == ClientFamily.Curl ? "curl reads only lowercase http_proxy" : "HTTP_PROXY ignored: REQUEST_METHOD is set (CGI)"
            : "no proxy setting";

    private static string[] ProxyNames(ClientFamily family, string scheme, ProxyEnvironment variables)
    {
        var https = scheme == "https";
        switch (family)
        {
            case ClientFamily.Curl:
                return https ? new[] { "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" } : new[] { "http_proxy", "all_proxy", "ALL_PROXY" };
            case ClientFamily.Python:
                var cgi = variables.IsSet("REQUEST_METHOD");
                return https ? new[] { "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" }
                    : cgi ? new[] { "http_proxy", "all_proxy", "ALL_PROXY" } : new[] { "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY" };
            case ClientFamily.Go:
                // Go reads the uppercase name first and no ALL_PROXY; HTTP_PROXY is dropped under CGI.
                return https ? new[] { "HTTPS_PROXY", "https_proxy" } : variables.IsSet("REQUEST_METHOD") ? new[] { "http_proxy" } : new[] { "HTTP_PROXY", "http_proxy" };
            case ClientFamily.Node:
                return https ? new[] { "HTTPS_PROXY", "https_proxy" } : new[] { "HTTP_PROXY", "http_proxy" };
            default:
                return https ? new[] { "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY" } : new[] { "http_proxy", "HTTP_PROXY", "all_proxy", "ALL_PROXY" };
        }
    }

    private static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));
}
