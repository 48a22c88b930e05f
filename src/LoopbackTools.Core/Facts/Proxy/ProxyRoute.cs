namespace LoopbackTools.Proxy;

/// <summary>Where one client family sends one URL: to a proxy (which setting said so) or directly (and why).</summary>
internal sealed class ProxyRoute
{
    public ProxyRoute(ClientFamily family, string url, ProxySource? proxy, string reason)
    {
        Family = family;
        Url = url;
        Proxy = proxy;
        Reason = reason;
    }

    public ClientFamily Family { get; }

    public string Url { get; }

    /// <summary>The setting that sends the URL to a proxy; null when the client connects directly.</summary>
    public ProxySource? Proxy { get; }

    /// <summary>Why the client goes direct ("no_proxy entry localhost", "no proxy variable"), or the proxy's setting.</summary>
    public string Reason { get; }

    public bool Proxied => Proxy is not null;
}
