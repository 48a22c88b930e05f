using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using LoopbackTools.Listeners;

namespace LoopbackTools.ListenerProbe;

/// <summary>
/// scan [--no-owners] [--namespace-of PID]   JSON of ListenerScanner.Scan
/// interfaces [--namespace-of PID]           JSON of LoopbackInterfaceReader.Read
/// time RUNS [--no-owners]                   in-process scans; prints "median_ms=… count=… alloc_bytes=… peak_ws_kb=…"
///                                           (first run is warm-up; alloc_bytes is per scan, all threads)
/// once [--no-owners]                        one scan, prints the count (a whole cold process, for start-up honest timing)
/// hold COUNT FIRST_PORT                     opens COUNT TCP listeners on 127.0.0.1, prints "ready", exits when stdin closes
/// serve COUNT FIRST_PORT                    like hold, and accepts every connection to them (kept open)
/// connect COUNT FIRST_PORT LISTENERS        opens COUNT connections spread over LISTENERS ports, prints "ready", waits for stdin
/// </summary>
public static class Program
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = false, Converters = { new JsonStringEnumConverter() } };

    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: scan | interfaces | time RUNS | hold COUNT FIRST_PORT");
            return 2;
        }

        var namespaceOf = Option(args, "--namespace-of");
        var owners = !args.Contains("--no-owners");
        switch (args[0])
        {
            case "scan":
                var result = ListenerScanner.Scan(new ListenerScanOptions { ResolveOwners = owners, NetworkNamespaceOf = namespaceOf }, CancellationToken.None);
                Console.WriteLine(JsonSerializer.Serialize(result, Json));
                return 0;
            case "interfaces":
                Console.WriteLine(JsonSerializer.Serialize(LoopbackInterfaceReader.Read(namespaceOf, CancellationToken.None), Json));
                return 0;
            case "time":
                return Time(int.Parse(args[1], CultureInfo.InvariantCulture), owners);
            case "once":
                Console.WriteLine(ListenerScanner.Scan(new ListenerScanOptions { IncludeUdp = false, ResolveOwners = owners }, CancellationToken.None).Listeners.Count);
                return 0;
            case "hold":
                return Hold(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), accept: false);
            case "serve":
                return Hold(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), accept: true);
            case "connect":
                return Connect(int.Parse(args[1], CultureInfo.InvariantCulture), int.Parse(args[2], CultureInfo.InvariantCulture), int.Parse(args[3], CultureInfo.InvariantCulture));
            default:
                Console.Error.WriteLine("unknown mode " + args[0]);
                return 2;
        }
    }

    private static int? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;
    }

    private static int Time(int runs, bool owners)
    {
        var options = new ListenerScanOptions { IncludeUdp = false, ResolveOwners = owners };
        var count = ListenerScanner.Scan(options, CancellationToken.None).Listeners.Count; // warm-up: JIT, page cache
        var times = new List<double>();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            var result = ListenerScanner.Scan(options, CancellationToken.None);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
            count = result.Listeners.Count;
        }

        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / Math.Max(runs, 1);
        using var self = Process.GetCurrentProcess();
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median_ms={times[times.Count / 2]:0.00} count={count} alloc_bytes={allocated} peak_ws_kb={self.PeakWorkingSet64 / 1024}"));
        return 0;
    }

    private static int Hold(int count, int firstPort, bool accept)
    {
        var sockets = new List<Socket>(count);
        var accepted = new List<Socket>();
        for (var port = firstPort; sockets.Count < count; port++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
            socket.Listen(accept ? 4096 : 1);
            sockets.Add(socket);
            if (accept)
            {
                _ = AcceptAllAsync(socket, accepted);
            }
        }

        Console.WriteLine("ready");
        Console.In.ReadToEnd();
        GC.KeepAlive(sockets);
        return 0;
    }

    private static async Task AcceptAllAsync(Socket listener, List<Socket> accepted)
    {
        while (true)
        {
            var connection = await listener.AcceptAsync().ConfigureAwait(false);
            lock (accepted)
            {
                accepted.Add(connection);
            }
        }
    }

    private static int Connect(int count, int firstPort, int listeners)
    {
        var connections = new List<Socket>(count);
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Connect(new IPEndPoint(IPAddress.Loopback, firstPort + (i % listeners)));
            connections.Add(socket);
        }

        Console.WriteLine("ready");
        Console.In.ReadToEnd();
        GC.KeepAlive(connections);
        return 0;
    }
}
