using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using LoopbackTools.Hosts;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// BenchmarkDotNet over the core hot paths: `dotnet run -c Release --project bench/LoopbackTools.Benchmarks -- --filter '*'`.
/// Two BenchmarkDotNet-free modes: `hosts-throughput [RUNS]` (printed by bench/run-all.sh) and
/// `profile [ROUNDS]` (a Stopwatch breakdown of a listener scan, see <see cref="OwnerScanProfile"/>).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "profile")
        {
            return OwnerScanProfile.Run(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 8);
        }

        if (args.Length > 0 && args[0] == "hosts-throughput")
        {
            return HostsThroughput(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }

    /// <summary>Median lines/s over RUNS parses of the 265k blocklist, and bytes allocated per parse.</summary>
    private static int HostsThroughput(int runs)
    {
        var content = Blocklist.Generate(Blocklist.RealisticEntries);
        var lines = HostsDocument.Parse(content, "warm-up").Lines.Count;
        var times = new List<double>();
        long allocated = long.MaxValue;
        for (var run = 0; run < runs; run++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            var document = HostsDocument.Parse(content, "blocklist");
            clock.Stop();
            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
            times.Add(clock.Elapsed.TotalMilliseconds);
            GC.KeepAlive(document);
        }

        times.Sort();
        var median = times[times.Count / 2];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"hosts lines={lines} bytes={content.Length} median_ms={median:0.00} lines_per_s={lines / (median / 1000):0} allocated={allocated} alloc_ratio={(double)allocated / content.Length:0.00}"));
        return 0;
    }
}
