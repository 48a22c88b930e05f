namespace LoopbackTools.Tests.Components;

/// <summary>One dnsmasq with the default records, shared by a test class (IClassFixture).</summary>
public sealed class DnsmasqFixture : IDisposable
{
    private readonly Lazy<DnsmasqServer> _server = new(() => new DnsmasqServer());

    /// <summary>Started on first use, so a skipped test never needs dnsmasq.</summary>
    public DnsmasqServer Server => _server.Value;

    public void Dispose()
    {
        if (_server.IsValueCreated)
        {
            _server.Value.Dispose();
        }
    }
}
