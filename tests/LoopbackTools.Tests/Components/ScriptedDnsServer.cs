using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// A real UDP (and optionally TCP) socket on loopback that answers each query with whatever datagrams the
/// test scripts: nothing (a silent server), REFUSED, a wrong ID before the right one, garbage. For the
/// behaviours dnsmasq will not produce on demand.
/// </summary>
public sealed class ScriptedDnsServer : IDisposable
{
    private readonly Socket _udp;
    private readonly TcpListener? _tcp;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = new();
    private int _queries;

    /// <param name="udpReplies">Datagrams to send back for one query, in order; empty for silence.</param>
    /// <param name="tcpReply">The message to send over TCP (framed here), or null for no TCP listener.</param>
    public ScriptedDnsServer(IPAddress address, Func<byte[], IEnumerable<byte[]>> udpReplies, Func<byte[], byte[]>? tcpReply = null)
    {
        _udp = new Socket(address.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        _udp.Bind(new IPEndPoint(address, tcpReply is null ? 0 : FreePort.Tcp(address)));
        EndPoint = (IPEndPoint)_udp.LocalEndPoint!;
        _loops.Add(Task.Run(() => ServeUdp(udpReplies)));
        if (tcpReply is not null)
        {
            _tcp = new TcpListener(EndPoint);
            _tcp.Start();
            _loops.Add(Task.Run(() => ServeTcp(tcpReply)));
        }
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Queries received over UDP so far.</summary>
    public int Queries => Volatile.Read(ref _queries);

    /// <summary>A server that reads queries and never answers.</summary>
    public static ScriptedDnsServer Silent(IPAddress address) => new(address, _ => Array.Empty<byte[]>());

    public void Dispose()
    {
        _stop.Cancel();
        _udp.Dispose();
        _tcp?.Stop();
        Task.WaitAll(_loops.ToArray(), TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }

    private async Task ServeUdp(Func<byte[], IEnumerable<byte[]>> replies)
    {
        var buffer = new byte[65535];
        while (!_stop.IsCancellationRequested)
        {
            SocketReceiveFromResult received;
            try
            {
                received = await _udp.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(EndPoint.AddressFamily == AddressFamily.InterNetwork ? IPAddress.Any : IPAddress.IPv6Any, 0), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            Interlocked.Increment(ref _queries);
            foreach (var reply in replies(buffer[..received.ReceivedBytes]))
            {
                await _udp.SendToAsync(reply, SocketFlags.None, received.RemoteEndPoint);
            }
        }
    }

    private async Task ServeTcp(Func<byte[], byte[]> reply)
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                using var client = await _tcp!.AcceptTcpClientAsync(_stop.Token);
                var stream = client.GetStream();
                var prefix = new byte[2];
                await stream.ReadExactlyAsync(prefix, _stop.Token);
                var query = new byte[(prefix[0] << 8) | prefix[1]];
                await stream.ReadExactlyAsync(query, _stop.Token);
                var answer = reply(query);
                await stream.WriteAsync(new[] { (byte)(answer.Length >> 8), (byte)answer.Length }.Concat(answer).ToArray(), _stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException or IOException)
            {
                if (_stop.IsCancellationRequested)
                {
                    return;
                }
            }
        }
    }
}
