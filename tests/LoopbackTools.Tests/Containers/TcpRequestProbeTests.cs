using System.Net;
using System.Net.Sockets;
using LoopbackTools.Containers;

namespace LoopbackTools.Tests.Containers;

/// <summary>Each outcome produced by a real loopback server behaving that way.</summary>
public sealed class TcpRequestProbeTests
{
    [Fact]
    public async Task A_server_that_answers_is_accepted()
    {
        using var server = Serve(async s =>
        {
            await s.ReceiveAsync(new byte[64], SocketFlags.None);
            await s.SendAsync("HTTP/1.0 200 OK\r\n\r\n"u8.ToArray(), SocketFlags.None);
        });
        Assert.Equal(PortReachability.Accepted, await Probe(server));
    }

    [Fact]
    public async Task A_server_that_hangs_up_without_a_byte_is_an_empty_reply()
    {
        using var server = Serve(async s =>
        {
            await s.ReceiveAsync(new byte[64], SocketFlags.None);
            s.Shutdown(SocketShutdown.Both);
        });
        Assert.Equal(PortReachability.EmptyReply, await Probe(server));
    }

    [Fact]
    public async Task A_server_that_aborts_the_connection_is_a_reset()
    {
        using var server = Serve(async s =>
        {
            await s.ReceiveAsync(new byte[64], SocketFlags.None);
            s.LingerState = new LingerOption(true, 0);
            s.Close();
        });
        Assert.Equal(PortReachability.Reset, await Probe(server));
    }

    [Fact]
    public async Task A_server_that_stays_silent_is_timed_out()
    {
        using var server = Serve(_ => Task.Delay(Timeout.Infinite));
        Assert.Equal(PortReachability.TimedOut, await Probe(server, TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task A_port_nobody_listens_on_is_refused()
    {
        var port = Components.FreePort.Tcp();
        Assert.Equal(PortReachability.Refused, await TcpRequestProbe.ProbeAsync(new IPEndPoint(IPAddress.Loopback, port), TimeSpan.FromSeconds(5), CancellationToken.None));
    }

    private static Task<PortReachability> Probe(LoopbackServer server, TimeSpan? timeout = null) =>
        TcpRequestProbe.ProbeAsync(new IPEndPoint(IPAddress.Loopback, server.Port), timeout ?? TimeSpan.FromSeconds(5), CancellationToken.None);

    private static LoopbackServer Serve(Func<Socket, Task> behaviour) => new(behaviour);
}
