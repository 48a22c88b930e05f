using System.Net;
using System.Net.Sockets;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Connection;
using LoopbackTools.Waiting;

namespace LoopbackTools.Tests.Waiting;

/// <summary>
/// Wait-LocalhostConnection behind a forwarder waits for the far end (issue 31, docs/decisions.md 109): a real socat
/// forward accepts every connection, so only a request through it tells a dead far end from a live one.
/// </summary>
public sealed class ForwarderWaitTests
{
    [RequiresFact("socat", "busybox")]
    public async Task A_forward_to_a_dead_far_end_is_not_ready_and_the_round_says_why_then_a_live_one_is()
    {
        var port = FreePort.Tcp();
        var far = FreePort.Tcp();
        using var forwarder = new BackgroundProcess("socat", new[] { $"TCP-LISTEN:{port},bind=127.0.0.1,fork,reuseaddr", $"TCP:127.0.0.1:{far}" });
        WaitAccepting(port);

        var dead = await Assert.ThrowsAsync<Diagnostics.LoopbackToolsException>(() => new LocalhostConnectionWaiter().WaitAsync(Options(port), null, CancellationToken.None));

        Assert.Equal("Connection.WaitTimedOut", dead.ErrorId);
        Assert.Contains($"127.0.0.1 is accepted by socat (pid {forwarder.Id}), a forwarder, but its far end does not take the connection", dead.Message, StringComparison.Ordinal);

        var www = Directory.CreateTempSubdirectory("lbt-wait-www-").FullName;
        File.WriteAllText(Path.Combine(www, "index.html"), "ready\n");
        using var server = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", $"127.0.0.1:{far}", "-h", www });
        WaitAccepting(far);

        var alive = await new LocalhostConnectionWaiter().TryWaitAsync(Options(port), null, CancellationToken.None);

        Assert.NotNull(alive);
        Assert.Equal(("127.0.0.1", port), (alive!.RemoteAddress, alive.Port));
    }

    [Fact]
    public async Task A_plain_listener_is_ready_at_its_first_accepted_connection()
    {
        using var server = new TcpListener(IPAddress.Loopback, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;

        var wait = await new LocalhostConnectionWaiter().TryWaitAsync(Options(port), null, CancellationToken.None);

        Assert.Equal(1, wait!.Attempts);
    }

    private static LocalhostConnectionWaitOptions Options(int port) => new(port)
    {
        HostName = "127.0.0.1",
        Timeout = TimeSpan.FromSeconds(2),
        Interval = TimeSpan.FromMilliseconds(100),
        Engine = ConnectionProbe.NoEngine,
    };

    private static void WaitAccepting(int port) => Eventually.True(() =>
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }, TimeSpan.FromSeconds(10), $"a listener on 127.0.0.1 port {port}");
}
