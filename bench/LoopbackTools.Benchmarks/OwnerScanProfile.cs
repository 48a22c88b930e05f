using System.Diagnostics;
using System.Globalization;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// `profile [ROUNDS]`: a Stopwatch breakdown of a listener scan on the live system, for docs/performance.md:
/// the netlink dump alone, the owner scan alone on 1, 2 and 3 threads (sockets known up front), and the whole
/// Scan (owner scan overlapping the dump). Run it with listeners held, e.g. inside bench/compare-listeners.sh's seal.
/// </summary>
public static class OwnerScanProfile
{
    public static int Run(int rounds)
    {
        var options = new ListenerScanOptions { IncludeUdp = false };
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            var sockets = LinuxSocketSource.Read(options, out _, CancellationToken.None);
            var line = string.Create(CultureInfo.InvariantCulture, $"dump_ms={clock.Elapsed.TotalMilliseconds:0.0}");
            foreach (var workers in new[] { 1, 2, 3 })
            {
                foreach (var socket in sockets)
                {
                    socket.ProcessId = null;
                }

                clock.Restart();
                new SocketOwnerScan(sockets) { MaxWorkers = workers }.Run(CancellationToken.None);
                line += string.Create(CultureInfo.InvariantCulture, $" owners_{workers}thread_ms={clock.Elapsed.TotalMilliseconds:0.0}");
            }

            clock.Restart();
            var count = ListenerScanner.Scan(options, CancellationToken.None).Listeners.Count;
            Console.WriteLine(line + string.Create(CultureInfo.InvariantCulture, $" scan_ms={clock.Elapsed.TotalMilliseconds:0.0} listeners={count}"));
        }

        return 0;
    }
}
