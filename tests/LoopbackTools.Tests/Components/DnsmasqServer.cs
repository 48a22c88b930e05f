using System.Net;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// A real dnsmasq on 127.0.0.1 at a free port, answering only from its own records: it never
/// forwards (--no-resolv, no servers), so no query can leave the machine.
/// </summary>
public sealed class DnsmasqServer : IDisposable
{
    /// <summary>The records of ../shared/design.md: a deliberately wrong localhost and a good test name.</summary>
    public static readonly string[] DefaultRecords =
    {
        "--local=/localhost/",
        "--local=/test/",
        "--host-record=localhost,203.0.113.7,2001:db8::7",
        "--host-record=good.test,127.0.0.1,::1",
    };

    private readonly BackgroundProcess _process;

    public DnsmasqServer(IEnumerable<string>? records = null)
    {
        Component.Require(new[] { "dnsmasq" }, needsRoot: false);
        Port = FreePort.TcpAndUdp();
        var args = new List<string>
        {
            "--keep-in-foreground", "--conf-file=/dev/null", "--no-resolv", "--no-hosts", "--bind-interfaces",
            "--listen-address=127.0.0.1", $"--port={Port}", "--pid-file=", "--log-facility=-", "--log-queries",
            "--user=root",
        };
        args.AddRange(records ?? DefaultRecords);
        _process = new BackgroundProcess("dnsmasq", args);
        _process.WaitUntil(() => RawDnsQuery.Udp(EndPoint, "good.test", RawDnsQuery.TypeA, 200).Addresses.Count > 0, TimeSpan.FromSeconds(10), "answering");
    }

    public int Port { get; }

    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    /// <summary>"127.0.0.1:port", the form cmdlets accept.</summary>
    public string Address => $"127.0.0.1:{Port}";

    public string Log => _process.Log;

    public void Dispose() => _process.Dispose();
}
