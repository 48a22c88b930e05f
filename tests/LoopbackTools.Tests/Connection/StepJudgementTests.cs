using System.Net;
using System.Net.Sockets;
using System.Text;
using LoopbackTools.Connection;
using LoopbackTools.Listeners;

namespace LoopbackTools.Tests.Connection;

/// <summary>
/// Judgements over facts that are hard to make real here (a specific non-loopback bind, a NAT'd port with no
/// socket) and the Http step against real loopback servers that answer what the test scripts (no name is resolved).
/// </summary>
public sealed class StepJudgementTests
{
    private static readonly IPAddress V4 = IPAddress.Loopback;

    [Fact]
    public void A_bind_to_one_non_loopback_address_only_fails_and_says_to_bind_loopback()
    {
        var facts = Facts(new[] { Listener("192.0.2.10", BindScope.Specific) }, (V4, ConnectOutcome.Refused));

        var bind = BindStep.Judge(facts);

        Assert.Equal(ConnectionStatus.Fail, bind.Status);
        Assert.Equal("bound only to 192.0.2.10, not to loopback: clients of localhost cannot reach it - bind to 127.0.0.1 and ::1 too, or connect to 192.0.2.10", bind.Finding);
    }

    [Fact]
    public void No_socket_but_an_accepted_connection_points_at_NAT_or_a_container_engine()
    {
        var facts = Facts(Array.Empty<LoopbackListener>(), (V4, ConnectOutcome.Accepted));

        var listener = ListenerStep.Judge(facts, null, CancellationToken.None);

        Assert.Equal(ConnectionStatus.Warn, listener.Status);
        Assert.StartsWith("no socket in this network namespace listens on TCP port 8080, yet connections are accepted", listener.Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void A_later_address_that_refuses_warns_in_the_connect_step()
    {
        var facts = Facts(new[] { Listener("127.0.0.1", BindScope.Loopback) }, (V4, ConnectOutcome.Accepted), (IPAddress.IPv6Loopback, ConnectOutcome.Refused));

        var connect = ConnectStep.Judge(facts);

        Assert.Equal(ConnectionStatus.Warn, connect.Status);
        Assert.Equal("localhost:8080 accepts at 127.0.0.1, but localhost also resolves to ::1, where nothing accepts (::1 refuses): clients that pick it fail - bind the server to ::1 too", connect.Finding);
    }

    [Fact]
    public void The_listener_of_another_process_than_ProcessName_fails()
    {
        var facts = Facts(new[] { Listener("127.0.0.1", BindScope.Loopback) }, (V4, ConnectOutcome.Accepted));

        var listener = ListenerStep.Judge(facts, "node", CancellationToken.None);

        Assert.Equal(ConnectionStatus.Fail, listener.Status);
        Assert.Equal("port 8080 is held by python3 (pid 42), not by node: another program took the port - stop it, or start node on a free port", listener.Finding);
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n", ConnectionStatus.Warn, "answers HTTP/1.1 404 Not Found: the server speaks HTTP but refuses / - check the path or the Host the app expects")]
    [InlineData("HTTP/1.1 502 Bad Gateway\r\n\r\n", ConnectionStatus.Fail, "answers HTTP/1.1 502 Bad Gateway: the app behind the server fails - see its log")]
    [InlineData("HTTP/1.1 400 Bad Request\r\n\r\nThe plain HTTP request was sent to HTTPS port", ConnectionStatus.Fail, "says the plain HTTP request was sent to an HTTPS port - use https://localhost:{port}/")]
    [InlineData("HTTP/1.0 301 Moved Permanently\r\nLocation: /app\r\n\r\n", ConnectionStatus.Pass, "answers HTTP/1.0 301 Moved Permanently")]
    [InlineData("\u0015\u0003\u0001\u0000\u0002\u0002\u0046", ConnectionStatus.Fail, "with a TLS alert: it speaks TLS, not plain HTTP - use https://localhost:{port}/")]
    [InlineData("", ConnectionStatus.Fail, "got an empty reply (closed without a byte): the server accepts connections but does not answer HTTP - check that this port serves HTTP")]
    public async Task The_Http_step_names_what_the_server_answered(string reply, ConnectionStatus status, string ending)
    {
        using var server = new TcpListener(V4, 0);
        server.Start();
        var port = ((IPEndPoint)server.LocalEndpoint).Port;
        var serving = Task.Run(async () =>
        {
            // The first connection gets the reply; a second one (the TLS handshake attempt) is closed at once.
            for (var i = 0; i < 2; i++)
            {
                using var client = await server.AcceptTcpClientAsync();
                var stream = client.GetStream();
                var buffer = new byte[4096];
                if (i == 0)
                {
                    _ = await stream.ReadAsync(buffer);
                    var bytes = Encoding.Latin1.GetBytes(reply);
                    await stream.WriteAsync(bytes);
                }
            }
        });

        var facts = Facts(Array.Empty<LoopbackListener>(), port, (V4, ConnectOutcome.Accepted));
        var http = await HttpStep.JudgeAsync(facts, TimeSpan.FromSeconds(2), CancellationToken.None);

        Assert.Equal(status, http.Status);
        Assert.EndsWith(ending.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), http.Finding, StringComparison.Ordinal);
        server.Stop();
        await Task.WhenAny(serving, Task.Delay(2000));
    }

    [Fact]
    public void A_listener_on_another_loopback_address_fails_the_bind_step_naming_it()
    {
        var facts = Facts(new[] { Listener("127.0.0.2", BindScope.Loopback) }, (V4, ConnectOutcome.Refused));

        var bind = BindStep.Judge(facts);

        Assert.Equal(ConnectionStatus.Fail, bind.Status);
        Assert.Equal("bound to 127.0.0.2, which localhost does not resolve to (127.0.0.1): clients of localhost cannot reach it - bind the server to 127.0.0.1, or connect to 127.0.0.2:8080", bind.Finding);
    }

    [Theory]
    [InlineData(2, 1, ConnectionStatus.Fail)] // listen(1) holds two: the kernel's rule is "more than the backlog"
    [InlineData(1, 1, ConnectionStatus.Pass)]
    [InlineData(0, 511, ConnectionStatus.Pass)]
    public void Only_an_accept_queue_over_its_backlog_fails_the_listener_step(int queue, int backlog, ConnectionStatus expected)
    {
        var listener = new LoopbackListener(ListenerProtocol.Tcp, "127.0.0.1", 8080, AddressFamily.InterNetwork, BindScope.Loopback, false, 42, "python3", null, "dev", null, null, acceptQueue: queue, acceptBacklog: backlog);
        var facts = Facts(new[] { listener }, (V4, ConnectOutcome.TimedOut));

        var verdict = ListenerStep.Judge(facts, null, CancellationToken.None);

        Assert.Equal(expected, verdict.Status);
        if (expected == ConnectionStatus.Fail)
        {
            Assert.Equal($"python3 (pid 42) listens on TCP port 8080 at 127.0.0.1 but does not accept connections: its accept queue is full (Recv-Q {queue} / backlog {backlog}), so the kernel drops new ones and clients time out - the server is stuck or overloaded: restart it, or find what blocks its accept loop", verdict.Finding);
        }
    }

    private static ConnectionFacts Facts(IReadOnlyList<LoopbackListener> listeners, params (IPAddress Target, ConnectOutcome Outcome)[] attempts) =>
        Facts(listeners, 8080, attempts);

    private static ConnectionFacts Facts(IReadOnlyList<LoopbackListener> listeners, int port, params (IPAddress Target, ConnectOutcome Outcome)[] attempts) =>
        new("localhost", port, listeners, string.Empty, attempts.Select(a => a.Target).ToArray(), attempts.Select((a, i) => new ConnectAttempt(a.Target, i + 1, a.Outcome)).ToArray());

    private static LoopbackListener Listener(string address, BindScope scope) =>
        new(ListenerProtocol.Tcp, address, 8080, AddressFamily.InterNetwork, scope, false, 42, "python3", "python3 -m http.server", "dev", null, null);
}
