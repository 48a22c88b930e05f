using BenchmarkDotNet.Attributes;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// The /proc/&lt;pid&gt;/fd owner scan alone (Linux), on one thread and on every core, for sockets this process
/// holds. Its cost is kernel time per descriptor (readlinkat), which no user-space change removes.
/// </summary>
public class OwnerAttributionBenchmarks
{
    private HeldListeners? _held;
    private List<ListenerSocket> _sockets = new();

    [Params(2000)]
    public int Listeners { get; set; }

    [Params(1, 0)]
    public int Workers { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _held = new HeldListeners(Listeners);
        _sockets = LinuxSocketSource.Read(new ListenerScanOptions { IncludeUdp = false }, out _, CancellationToken.None);
    }

    [GlobalCleanup]
    public void Cleanup() => _held?.Dispose();

    /// <summary>Workers = 0 means one per core.</summary>
    [Benchmark]
    public int Attribute()
    {
        foreach (var socket in _sockets)
        {
            socket.ProcessId = null;
        }

        var scan = new SocketOwnerScan(_sockets) { MaxWorkers = Workers == 0 ? Environment.ProcessorCount : Workers };
        scan.Run(CancellationToken.None);
        return scan.DeniedProcesses;
    }
}
