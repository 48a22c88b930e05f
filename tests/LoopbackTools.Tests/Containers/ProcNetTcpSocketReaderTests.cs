using System.Net;
using System.Net.Sockets;
using LoopbackTools.Containers;

namespace LoopbackTools.Tests.Containers;

public sealed class ProcNetTcpSocketReaderTests
{
    [Fact]
    public void Recorded_tables_tell_an_app_on_all_interfaces_from_one_on_its_loopback()
    {
        Assert.Equal(new[] { IPAddress.IPv6Any }, Parse("web-net-tcp6.proc"));
        Assert.Empty(Parse("web-net-tcp.proc"));
        Assert.Equal(new[] { IPAddress.Loopback }, Parse("loopback-app-net-tcp.proc"));
        Assert.Empty(Parse("loopback-app-net-tcp6.proc"));
    }

    [Fact]
    public void Little_endian_words_and_non_listening_lines_are_handled()
    {
        var lines = new[]
        {
            "  sl  local_address rem_address   st",
            "   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1",
            "   1: 0200A8C0:1F90 0100A8C0:D431 01 00000000:00000000 00:00000000 00000000     0        0 2 1",
            "   2: 00000000000000000000000001000000:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0 3 1",
            "   3: 0000000000000000FFFF00000A00A8C0:1F90 00000000000000000000000000000000:0000 0A 0 0 0 0 0 4 1",
            "garbage line",
        };
        Assert.Equal(new[] { IPAddress.Loopback, IPAddress.IPv6Loopback, IPAddress.Parse("::ffff:192.168.0.10") }, ProcNetTcpSocketReader.ParseListeners(lines, 8080));
    }

    [Fact]
    public async Task Reads_this_processs_own_listener_through_proc()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var found = await new ProcNetTcpSocketReader().FindTcpListenersAsync(Environment.ProcessId, port, CancellationToken.None);

        Assert.True(found.IsKnown);
        Assert.Equal(new[] { IPAddress.Loopback }, found.Addresses);
    }

    [Fact]
    public async Task A_process_that_is_gone_or_unknown_gives_unknown_with_the_reason()
    {
        var reader = new ProcNetTcpSocketReader(Directory.CreateTempSubdirectory("lbt-proc-").FullName);
        var gone = await reader.FindTcpListenersAsync(424242, 80, CancellationToken.None);
        var none = await reader.FindTcpListenersAsync(0, 80, CancellationToken.None);

        Assert.False(gone.IsKnown);
        Assert.Contains(OperatingSystem.IsLinux() ? "process is gone" : "only be read on Linux", gone.UnknownReason, StringComparison.Ordinal);
        Assert.False(none.IsKnown);
    }

    private static IPAddress[] Parse(string fixture) =>
        ProcNetTcpSocketReader.ParseListeners(File.ReadAllLines(Infrastructure.RepoPaths.Fixture("docker", fixture)), 8080).ToArray();
}
