using BenchmarkDotNet.Attributes;
using LoopbackTools.Listeners;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// The whole Get-LoopbackListener path on the live system (Linux: netlink + /proc owner scan), with the
/// benchmark process holding <see cref="Listeners"/> extra TCP listeners so the socket count is known.
/// bench/run-all.sh measures the same against ss and lsof at 20,000 listeners.
/// </summary>
[MemoryDiagnoser]
public class ListenerEnumerationBenchmarks
{
    private HeldListeners? _held;

    [Params(1000)]
    public int Listeners { get; set; }

    [Params(true, false)]
    public bool ResolveOwners { get; set; }

    [GlobalSetup]
    public void Setup() => _held = new HeldListeners(Listeners);

    [GlobalCleanup]
    public void Cleanup() => _held?.Dispose();

    [Benchmark]
    public int Scan() => ListenerScanner.Scan(new ListenerScanOptions { IncludeUdp = false, ResolveOwners = ResolveOwners }, CancellationToken.None).Listeners.Count;
}
