using System.Net.Sockets;
using LoopbackTools.Listeners;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>A listener inside another network namespace: visible through NetworkNamespaceOf, absent from the host view.</summary>
public sealed class ListenerNamespaceTests
{
    [RequiresTheory("ip", "busybox")]
    [InlineData(false)]
    [InlineData(true)]
    public void A_listener_in_a_namespace_is_found_through_its_process_and_not_on_the_host(bool procfs)
    {
        using var ns = new NetworkNamespace(loopbackUp: true);
        var port = FreePort.Tcp();
        using var server = ns.Start("busybox", "nc", "-ll", "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-e", "cat");
        var options = new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false, NetworkNamespaceOf = server.Id, ForceProcfs = procfs };
        server.WaitUntil(() => ListenerScanner.Scan(options, CancellationToken.None).Listeners.Count > 0, TimeSpan.FromSeconds(10), "listening in the namespace");

        var result = ListenerScanner.Scan(options, CancellationToken.None);
        var host = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { port } }, CancellationToken.None);

        var listener = Assert.Single(result.Listeners);
        Assert.Equal(procfs ? "procfs" : "netlink", result.Source);
        Assert.Equal(server.Id, listener.ProcessId); // ip netns exec execs: the pid is busybox's
        Assert.Equal("busybox", listener.Process);
        Assert.Equal(BindScope.AllInterfaces, listener.BindScope);
        Assert.NotEqual(NamespaceIdOfThisProcess(), listener.NetworkNamespace);
        Assert.Empty(host.Listeners);
    }

    private static long NamespaceIdOfThisProcess()
    {
        using var probe = TestSockets.Open(ProtocolType.Tcp, "127.0.0.1");
        var found = ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { TestSockets.PortOf(probe) }, ResolveOwners = false }, CancellationToken.None);
        return Assert.Single(found.Listeners).NetworkNamespace!.Value;
    }
}
