using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Dns;
using LoopbackTools.ResolutionProbe;
using LoopbackTools.Resolution;

// Prints one JSON document on stdout: the reports of `check`, the timings of `bench`, the system `servers`,
// or the checklist of `connection` / `connection-bench`; `http-get` prints one status line a URL.
if (HttpGetMode.Handles(args))
{
    return await HttpGetMode.RunAsync(args);
}

if (ConnectionMode.Handles(args))
{
    return await ConnectionMode.RunAsync(args);
}

var arguments = ProbeArguments.Parse(args);
var check = new LocalhostResolutionCheck();
var json = new JsonSerializerOptions { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

if (arguments.Mode == "servers")
{
    Console.WriteLine(JsonSerializer.Serialize(SystemNameServers.Get().Select(DnsServerAddress.Format), json));
    return 0;
}

if (arguments.Mode == "bench")
{
    var timings = new List<double>();
    var lastRun = new List<string>();
    for (var run = 0; run < arguments.Runs; run++)
    {
        lastRun.Clear();
        var watch = Stopwatch.StartNew();
        foreach (var name in arguments.Names)
        {
            var report = await check.CheckAsync(name, arguments.Options, arguments.Port, CancellationToken.None);
            lastRun.AddRange(report.Results.Select(r => $"{r.Name} {r.Layer} {r.Server}: {r.Status}"));
        }

        timings.Add(watch.Elapsed.TotalMilliseconds);
    }

    timings.Sort();
    var median = timings.Count % 2 == 1 ? timings[timings.Count / 2] : (timings[(timings.Count / 2) - 1] + timings[timings.Count / 2]) / 2;
    Console.WriteLine(JsonSerializer.Serialize(new { runs = timings.Count, medianMs = median, minMs = timings[0], maxMs = timings[^1], lastRun }, json));
    return 0;
}

var reports = new List<object>();
foreach (var name in arguments.Names)
{
    var report = await check.CheckAsync(name, arguments.Options, arguments.Port, CancellationToken.None);
    reports.Add(new { name, report.Results, report.Healthy });
}

Console.WriteLine(JsonSerializer.Serialize(reports, json));
return 0;
