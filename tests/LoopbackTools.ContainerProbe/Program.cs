using System.Diagnostics;
using System.Globalization;
using LoopbackTools.ContainerConnection;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.ContainerProbe;

/// <summary>
/// check [--engine E] [--all] [--name N]... [--port P]... [--timeout S]: one line per result, errors as "error ErrorId: message";
/// bench --engine E [--runs N]: times the whole -All check N times and prints the median;
/// connection-bench --engine E --name C --port P [--target T] [--runs N]: times Test-ContainerConnection's check the same way.
/// Exit codes: 0 done, 2 an engine-wide error, 64 bad arguments.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || (args[0] != "check" && args[0] != "bench" && args[0] != "connection-bench"))
        {
            await Console.Error.WriteLineAsync("usage: check|bench|connection-bench [--engine E] [--all] [--name N]... [--port P]... [--target T] [--timeout S] [--runs N]");
            return 64;
        }

        string? engine = null;
        var names = new List<string>();
        var ports = new List<int>();
        var all = false;
        var timeout = 3.0;
        var runs = 10;
        string? target = null;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--engine": engine = args[++i]; break;
                case "--all": all = true; break;
                case "--name": names.Add(args[++i]); break;
                case "--port": ports.Add(int.Parse(args[++i], CultureInfo.InvariantCulture)); break;
                case "--timeout": timeout = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--target": target = args[++i]; break;
                default:
                    await Console.Error.WriteLineAsync("unknown argument " + args[i]);
                    return 64;
            }
        }

        var options = new ContainerPortCheckOptions { All = all || args[0] == "bench", Containers = names, Ports = ports, Timeout = TimeSpan.FromSeconds(timeout) };
        try
        {
            return args[0] switch
            {
                "bench" => await BenchAsync(engine, options, runs),
                "connection-bench" => await ConnectionBenchAsync(new ContainerConnectionOptions(names.Single(), ports.Single()) { Engine = engine, TargetName = target, Timeout = options.Timeout }, runs),
                _ => await CheckAsync(engine, options),
            };
        }
        catch (LoopbackToolsException e)
        {
            await Console.Error.WriteLineAsync($"error {e.ErrorId}: {e.FullMessage}");
            return 2;
        }
    }

    private static async Task<int> CheckAsync(string? engine, ContainerPortCheckOptions options)
    {
        var checker = ContainerPortChecker.ForEndpoint(engine, options.Timeout);
        foreach (var outcome in await checker.CheckAsync(options, null, CancellationToken.None))
        {
            if (outcome.Error is not null)
            {
                Console.WriteLine($"error {outcome.Error.ErrorId}: {outcome.Error.FullMessage}");
            }

            foreach (var r in outcome.Results)
            {
                Console.WriteLine($"{r.Container}\t{r.ContainerPort}/{r.Protocol}\t{r.HostIp}:{r.HostPort}\t{r.AppBindScope}\t{r.Reachable}\t{r.Status}\t{r.Finding}");
            }
        }

        return 0;
    }

    /// <summary>Each run is a fresh checker (new version negotiation), as one Test-ContainerPort -All call would be.</summary>
    private static async Task<int> BenchAsync(string? engine, ContainerPortCheckOptions options, int runs)
    {
        var times = new List<double>();
        var rows = 0;
        for (var run = 0; run < runs; run++)
        {
            var watch = Stopwatch.StartNew();
            var outcomes = await ContainerPortChecker.ForEndpoint(engine, options.Timeout).CheckAsync(options, null, CancellationToken.None);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            rows = outcomes.Sum(o => o.Results.Count);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"run {run + 1}: {watch.Elapsed.TotalMilliseconds:0.0} ms, {outcomes.Count} containers, {rows} rows"));
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {median:0.0} ms over {runs} runs ({rows} rows)"));
        return 0;
    }

    /// <summary>One warm-up check (JIT), then each run a fresh check (new engine client), as one Test-ContainerConnection call is.</summary>
    private static async Task<int> ConnectionBenchAsync(ContainerConnectionOptions options, int runs)
    {
        var times = new List<double>();
        ContainerConnectionReport? last = null;
        for (var run = 0; run <= runs; run++)
        {
            var watch = Stopwatch.StartNew();
            last = await new ContainerConnectionCheck().CheckAsync(options, CancellationToken.None);
            watch.Stop();
            if (run > 0)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        foreach (var step in last!.Steps)
        {
            Console.WriteLine($"{step.Step}: {step.Status} - {step.Finding}");
        }

        times.Sort();
        var median = times.Count % 2 == 1 ? times[times.Count / 2] : (times[(times.Count / 2) - 1] + times[times.Count / 2]) / 2;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median {median:0.0} ms over {runs} runs (min {times[0]:0.0}, max {times[^1]:0.0}; healthy: {last.Healthy})"));
        return 0;
    }
}
