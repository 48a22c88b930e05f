namespace LoopbackTools.Tests.Components;

/// <summary>One dnsmasq with the default records, shared by a test class (IClassFixture).</summary>
public sealed class DnsmasqFixture : LazyFixture<DnsmasqServer>
{
    public DnsmasqFixture()
        : base(() => new DnsmasqServer())
    {
    }

    public DnsmasqServer Server => Component;
}
