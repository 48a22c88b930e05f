using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Connection;

namespace LoopbackTools.ResolutionProbe;

/// <summary>
/// <c>connection|connection-bench --port P [--name N] [--process X] [--http] [--engine E] [--nft PATH]
/// [--timeout-ms T] [--runs N]</c>: Test-LocalhostConnection's engine with the test's own /etc/hosts.
/// </summary>
internal static class ConnectionMode
{
    public static bool Handles(string[] args) => args.Length > 0 && args[0] is "connection" or "connection-bench";

    public static async Task<int> RunAsync(string[] args)
    {
        int? port = null;
        var runs = 50;
        var configure = new List<Action<LocalhostConnectionOptions>>();
        for (var i = 1; i < args.Length; i++)
        {
            var flag = args[i];
            string Value() => ++i < args.Length ? args[i] : throw new ArgumentException("missing value after " + flag);
            switch (flag)
            {
                case "--port": port = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(Value(), CultureInfo.InvariantCulture); break;
                case "--resolv": Value(); break; // given by the test harness for the resolution modes; unused here
                case "--name": { var v = Value(); configure.Add(o => o.Name = v); break; }
                case "--process": { var v = Value(); configure.Add(o => o.ProcessName = v); break; }
                case "--engine": { var v = Value(); configure.Add(o => o.Engine = v); break; }
                case "--nft": { var v = Value(); configure.Add(o => o.NftPath = v); break; }
                case "--http": configure.Add(o => o.Http = true); break;
                case "--timeout-ms": { var v = TimeSpan.FromMilliseconds(int.Parse(Value(), CultureInfo.InvariantCulture)); configure.Add(o => o.Timeout = v); break; }
                default: throw new ArgumentException("unknown argument " + flag);
            }
        }

        var options = new LocalhostConnectionOptions(port ?? throw new ArgumentException("--port is required"));
        configure.ForEach(c => c(options));
        var check = new LocalhostConnectionCheck();
        var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };
        if (args[0] == "connection")
        {
            var steps = await check.CheckAsync(options, CancellationToken.None);
            Console.WriteLine(JsonSerializer.Serialize(steps, json));
            return 0;
        }

        var timings = new List<double>();
        IReadOnlyList<LoopbackTools.LocalhostConnectionStep> last = Array.Empty<LoopbackTools.LocalhostConnectionStep>();
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            last = await check.CheckAsync(options, CancellationToken.None);
            if (run > 0)
            {
                timings.Add(watch.Elapsed.TotalMilliseconds); // run 0 is the warm-up (JIT)
            }
        }

        timings.Sort();
        var median = timings.Count % 2 == 1 ? timings[timings.Count / 2] : (timings[(timings.Count / 2) - 1] + timings[timings.Count / 2]) / 2;
        var lastRun = last.Select(s => $"{s.Step}: {s.Status} - {s.Finding}").ToArray();
        Console.WriteLine(JsonSerializer.Serialize(new { runs = timings.Count, medianMs = median, minMs = timings[0], maxMs = timings[^1], lastRun }, json));
        return 0;
    }
}
