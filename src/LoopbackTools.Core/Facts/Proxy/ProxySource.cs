namespace LoopbackTools.Proxy;

/// <summary>A setting a client read, by where it came from ("http_proxy", "WinINET ProxyServer") and its value.</summary>
internal sealed class ProxySource
{
    public ProxySource(string name, string value)
    {
        Name = name;
        Value = value;
    }

    public string Name { get; }

    public string Value { get; }

    public override string ToString() => Name + "=" + Value;
}
