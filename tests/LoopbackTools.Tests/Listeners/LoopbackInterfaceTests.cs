using LoopbackTools.Listeners;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>The loopback interface of a fresh namespace: down without ::1, then up with it.</summary>
public sealed class LoopbackInterfaceTests
{
    [RequiresFact("ip", "busybox")]
    public void A_fresh_namespace_has_lo_down_without_addresses_until_it_is_set_up()
    {
        using var ns = new NetworkNamespace();
        using var resident = ns.Start("busybox", "sleep", "600");
        // ip netns exec calls setns and then execs: until then the pid still lives in our namespace.
        resident.WaitUntil(() => NamespaceLink(resident.Id) != NamespaceLink(Environment.ProcessId), TimeSpan.FromSeconds(10), "inside the namespace");

        var down = Assert.Single(LoopbackInterfaceReader.Read(resident.Id, CancellationToken.None));
        Assert.Equal("lo", down.Name);
        Assert.False(down.IsUp);
        Assert.False(down.HasIPv6Loopback);
        Assert.False(down.HasIPv4Loopback);
        Assert.Empty(down.Addresses);

        ns.SetLoopbackUp();
        var up = Assert.Single(LoopbackInterfaceReader.Read(resident.Id, CancellationToken.None));
        Assert.True(up.IsUp);
        Assert.True(up.HasIPv6Loopback);
        Assert.True(up.HasIPv4Loopback);
        Assert.Contains("::1/128", up.Addresses);
        Assert.Contains("127.0.0.1/8", up.Addresses);
        Assert.True(up.Mtu > 0);
        Assert.Equal(up.NetworkNamespace, down.NetworkNamespace);
    }

    private static string? NamespaceLink(int processId) => new FileInfo($"/proc/{processId}/ns/net").LinkTarget;

    [RequiresFact("ip")]
    public void Inside_a_namespace_without_setns_the_probe_reads_the_same()
    {
        using var ns = new NetworkNamespace();
        var down = ProbeProcess.Run(new[] { "ip", "netns", "exec", ns.Name }, "interfaces")[0];
        Assert.False(down.GetProperty("IsUp").GetBoolean());
        Assert.False(down.GetProperty("HasIPv6Loopback").GetBoolean());

        ns.SetLoopbackUp();
        var up = ProbeProcess.Run(new[] { "ip", "netns", "exec", ns.Name }, "interfaces")[0];
        Assert.True(up.GetProperty("IsUp").GetBoolean());
        Assert.True(up.GetProperty("HasIPv6Loopback").GetBoolean());
    }

    [RequiresFact("ip")]
    public void The_seal_loopback_is_up_with_both_addresses()
    {
        var lo = Assert.Single(LoopbackInterfaceReader.Read(null, CancellationToken.None));
        Assert.True(lo.IsUp);
        Assert.True(lo.HasIPv4Loopback);
        Assert.True(lo.HasIPv6Loopback);
        Assert.NotNull(lo.NetworkNamespace);
    }
}
