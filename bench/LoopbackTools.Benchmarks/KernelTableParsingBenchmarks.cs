using BenchmarkDotNet.Attributes;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// Parsing captured kernel replies, no system calls in the measured code: the sock_diag datagrams of a real
/// netlink dump and the text of /proc/net/tcp, both taken while this process holds <see cref="Listeners"/> listeners.
/// </summary>
[MemoryDiagnoser]
public class KernelTableParsingBenchmarks
{
    private readonly List<byte[]> _datagrams = new();
    private string _procNetTcp = string.Empty;

    [Params(10000)]
    public int Listeners { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using var held = new HeldListeners(Listeners);
        using var connection = NetlinkConnection.Open(LinuxNative.NetlinkSockDiag, null);
        var request = SockDiagProtocol.BuildRequest(SockDiagProtocol.AfInet, SockDiagProtocol.IpProtoTcp, 1 << SockDiagProtocol.TcpStateListen, 1);
        var scratch = new List<ListenerSocket>();
        connection.Dump(
            request,
            (buffer, count) =>
            {
                _datagrams.Add(buffer.AsSpan(0, count).ToArray());
                return SockDiagProtocol.ParseDatagram(buffer, count, ListenerProtocol.Tcp, scratch, out _);
            },
            CancellationToken.None);
        _procNetTcp = File.ReadAllText("/proc/net/tcp");
    }

    [Benchmark]
    public int SockDiagDump()
    {
        var sockets = new List<ListenerSocket>(Listeners + 64);
        var addresses = new BoundAddressCache();
        foreach (var datagram in _datagrams)
        {
            SockDiagProtocol.ParseDatagram(datagram, datagram.Length, ListenerProtocol.Tcp, sockets, out _, addresses);
        }

        return sockets.Count;
    }

    [Benchmark]
    public int ProcNetTcp() =>
        ProcNetParser.Parse(_procNetTcp, ListenerProtocol.Tcp, ProcNetParser.TcpListenState, "/proc/net/tcp", BitConverter.IsLittleEndian).Count;
}
