namespace LoopbackTools.Proxy;

/// <summary>HTTP clients that read proxy settings differently (each reads its own variables and NO_PROXY its own way).</summary>
internal enum ClientFamily
{
    /// <summary>curl and libcurl: lowercase http_proxy only, suffix NO_PROXY entries with or without a dot, IPv4 CIDR, a lone *.</summary>
    Curl,

    /// <summary>.NET HttpClient (SocketsHttpHandler): exact or leading-dot entries, IPv6 written with brackets, no CIDR, no *.</summary>
    DotNet,

    /// <summary>Python requests (and urllib under it): plain string-suffix entries, IPv4 CIDR, a lone *.</summary>
    Python,

    /// <summary>Go net/http: never proxies localhost or a loopback address (golang/go#28866).</summary>
    Go,

    /// <summary>Node http/fetch: no proxy variables at all unless NODE_USE_ENV_PROXY=1 (Node 24+).</summary>
    Node,
}
