using System.Net.Sockets;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>The owner scan over many real sockets: on one thread, split across workers, and started before the sockets are known.</summary>
public sealed class SocketOwnerScanTests
{
    [RequiresTheory("ss")]
    [InlineData(1)]
    [InlineData(2)]
    public void Attributes_every_socket_of_a_large_scan(int workers)
    {
        WithOwnSockets(600, found =>
        {
            var scan = new SocketOwnerScan(found) { MaxWorkers = workers };

            scan.Run(CancellationToken.None);

            Assert.Equal(600, found.Count);
            Assert.All(found, s => Assert.Equal(Environment.ProcessId, s.ProcessId));
            Assert.Equal(0, scan.DeniedProcesses);
        });
    }

    /// <summary>More than two chunks of descriptors in this one process: idle workers take chunks over.</summary>
    [RequiresFact("ss")]
    public void Attributes_every_socket_when_one_process_is_split_into_chunks()
    {
        WithOwnSockets(2600, found =>
        {
            var scan = new SocketOwnerScan(found) { MaxWorkers = 3 };

            scan.Run(CancellationToken.None);

            Assert.Equal(2600, found.Count);
            Assert.All(found, s => Assert.Equal(Environment.ProcessId, s.ProcessId));
        });
    }

    /// <summary>What ListenerScanner does: start reading links, list the sockets, then name them.</summary>
    [RequiresFact("ss")]
    public void Links_read_before_the_sockets_are_published_are_matched_afterwards()
    {
        var sockets = Enumerable.Range(0, 50).Select(_ => TestSockets.Open(ProtocolType.Tcp, "127.0.0.1")).ToList();
        try
        {
            using var scan = new SocketOwnerScan { MaxWorkers = 2 };
            scan.Start(CancellationToken.None);
            var ports = sockets.Select(TestSockets.PortOf).ToHashSet();
            var found = LinuxSocketSource.Read(new ListenerScanOptions { IncludeUdp = false }, out _, CancellationToken.None)
                .Where(s => ports.Contains(s.Port)).ToList();
            Thread.Sleep(50); // let the workers read this process's links before the sockets are named

            scan.Publish(found);
            scan.Wait();

            Assert.Equal(50, found.Count);
            Assert.All(found, s => Assert.Equal(Environment.ProcessId, s.ProcessId));
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }

    [RequiresFact("ss")]
    public void Waiting_before_publishing_is_a_programming_error_and_dispose_stops_the_workers()
    {
        var scan = new SocketOwnerScan();
        scan.Start(CancellationToken.None);

        Assert.Throws<InvalidOperationException>(scan.Wait);
        Assert.Throws<InvalidOperationException>(() => scan.Start(CancellationToken.None));
        scan.Dispose(); // returns once the workers have left
    }

    private static void WithOwnSockets(int count, Action<List<ListenerSocket>> test)
    {
        var sockets = Enumerable.Range(0, count).Select(_ => TestSockets.Open(ProtocolType.Tcp, "127.0.0.1")).ToList();
        try
        {
            var ports = sockets.Select(TestSockets.PortOf).ToHashSet();
            test(LinuxSocketSource.Read(new ListenerScanOptions { IncludeUdp = false }, out _, CancellationToken.None)
                .Where(s => ports.Contains(s.Port)).ToList());
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }
}
