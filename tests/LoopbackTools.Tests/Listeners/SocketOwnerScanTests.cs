using System.Net.Sockets;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>The owner scan over many real sockets, on one thread and split across workers.</summary>
public sealed class SocketOwnerScanTests
{
    [RequiresTheory("ss")]
    [InlineData(1)]
    [InlineData(2)]
    public void Attributes_every_socket_of_a_large_scan(int workers)
    {
        var sockets = Enumerable.Range(0, 600).Select(_ => TestSockets.Open(ProtocolType.Tcp, "127.0.0.1")).ToList();
        try
        {
            var ports = sockets.Select(TestSockets.PortOf).ToHashSet();
            var found = LinuxSocketSource.Read(new ListenerScanOptions { IncludeUdp = false }, out _, CancellationToken.None)
                .Where(s => ports.Contains(s.Port)).ToList();
            var scan = new SocketOwnerScan(found) { MaxWorkers = workers };

            scan.Run(CancellationToken.None);

            Assert.Equal(600, found.Count);
            Assert.All(found, s => Assert.Equal(Environment.ProcessId, s.ProcessId));
            Assert.Equal(0, scan.DeniedProcesses);
        }
        finally
        {
            sockets.ForEach(s => s.Dispose());
        }
    }
}
