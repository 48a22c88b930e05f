using System.Net;
using System.Net.Sockets;
using LoopbackTools.Containers;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Tests.Containers;

public sealed class ListenerScannerSocketReaderTests
{
    [Fact]
    public void Recorded_container_tables_tell_an_app_on_all_interfaces_from_one_on_its_loopback()
    {
        Assert.Equal(new[] { IPAddress.IPv6Any }, Parse("web-net-tcp6.proc"));
        Assert.Empty(Parse("web-net-tcp.proc"));
        Assert.Equal(new[] { IPAddress.Loopback }, Parse("loopback-app-net-tcp.proc"));
        Assert.Empty(Parse("loopback-app-net-tcp6.proc"));
    }

    [Fact]
    public async Task Reads_this_processs_own_listener_through_its_namespace()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var found = await new ListenerScannerSocketReader().FindTcpListenersAsync(Environment.ProcessId, port, CancellationToken.None);

        Assert.True(found.IsKnown);
        Assert.Equal(new[] { IPAddress.Loopback }, found.Addresses);
    }

    [Fact]
    public async Task A_process_that_is_gone_or_unknown_gives_unknown_with_the_reason()
    {
        var reader = new ListenerScannerSocketReader();
        var gone = await reader.FindTcpListenersAsync(int.MaxValue - 7, 80, CancellationToken.None);
        var none = await reader.FindTcpListenersAsync(0, 80, CancellationToken.None);

        Assert.False(gone.IsKnown);
        Assert.Contains(OperatingSystem.IsLinux() ? "is gone" : "only be read on Linux", gone.UnknownReason, StringComparison.Ordinal);
        Assert.False(none.IsKnown);
    }

    private static IPAddress[] Parse(string fixture)
    {
        var text = File.ReadAllText(Infrastructure.RepoPaths.Fixture("docker", fixture));
        return ProcNetParser.Parse(text, ListenerProtocol.Tcp, ProcNetParser.TcpListenState, fixture, littleEndianWords: true)
            .Where(s => s.Port == 8080)
            .Select(s => s.Address)
            .ToArray();
    }
}
