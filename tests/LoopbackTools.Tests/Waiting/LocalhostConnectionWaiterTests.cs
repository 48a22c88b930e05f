using System.Net;
using System.Net.Sockets;
using LoopbackTools.Connection;
using LoopbackTools.Diagnostics;
using LoopbackTools.Tests.Components;
using LoopbackTools.Tests.Connection;
using LoopbackTools.Tests.Containers;
using LoopbackTools.Waiting;

namespace LoopbackTools.Tests.Waiting;

/// <summary>Wait-LocalhostConnection's engine against real loopback sockets and real HTTP replies.</summary>
public sealed class LocalhostConnectionWaiterTests
{
    private static LocalhostConnectionWaitOptions Options(int port, string host = "127.0.0.1") => new(port)
    {
        HostName = host,
        Timeout = TimeSpan.FromSeconds(20),
        Interval = TimeSpan.FromMilliseconds(50),
        Engine = ConnectionProbe.NoEngine,
    };

    [Fact]
    public async Task A_server_that_starts_after_the_wait_began_is_found_on_a_later_round()
    {
        var port = FreePort.Tcp();
        var waiting = new LocalhostConnectionWaiter().WaitAsync(Options(port), null, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(waiting.IsCompleted);
        using var server = new TcpListener(IPAddress.Loopback, port);
        server.Start();

        var wait = await waiting;

        Assert.Equal(("127.0.0.1", port, "127.0.0.1", 0), (wait.HostName, wait.Port, wait.RemoteAddress, wait.StatusCode));
        Assert.True(wait.Attempts > 1, $"{wait.Attempts} round(s)");
        Assert.True(wait.ElapsedMilliseconds >= 1900, $"{wait.ElapsedMilliseconds} ms");
    }

    [Fact]
    public async Task A_server_that_never_starts_times_out_naming_the_Listener_step()
    {
        var port = FreePort.Tcp();
        var options = Options(port);
        options.Timeout = TimeSpan.FromSeconds(1);

        var e = await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None));

        Assert.Equal(("Connection.WaitTimedOut", ErrorKind.OperationTimeout, (object?)port), (e.ErrorId, e.Kind, e.TargetObject));
        Assert.StartsWith($"127.0.0.1:{port} did not answer within 1 s (", e.Message, StringComparison.Ordinal);
        Assert.Contains("; last: 127.0.0.1 refuses). Test-LocalhostConnection finds:", e.Message, StringComparison.Ordinal);
        Assert.Contains($"Listener step (Fail): nothing listens on TCP port {port}", e.Message, StringComparison.Ordinal);
        Assert.Equal($"Fix the steps above; see Test-LocalhostConnection -Port {port}.", e.Remedy);
    }

    [Fact]
    public async Task TryWait_gives_null_on_timeout_without_running_the_checklist()
    {
        var options = Options(FreePort.Tcp());
        options.Timeout = TimeSpan.FromMilliseconds(300);

        Assert.Null(await new LocalhostConnectionWaiter().TryWaitAsync(options, null, CancellationToken.None));
    }

    [Fact]
    public async Task Http_waits_through_503_until_the_app_answers_200()
    {
        using var server = new ScriptedHttpServer(IPAddress.Loopback, 503, 503, 503, 200);
        var options = Options(server.Port);
        options.Http = true;
        options.Path = "health";

        var wait = await new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None);

        Assert.Equal((200, 4), (wait.StatusCode, wait.Attempts));
        Assert.All(server.Requests, r => Assert.Equal("GET /health HTTP/1.1", r));
    }

    [Fact]
    public async Task Http_accepts_a_status_the_user_names_and_times_out_on_others_saying_what_was_answered()
    {
        using var server = new ScriptedHttpServer(IPAddress.Loopback, 503);
        var options = Options(server.Port);
        options.Http = true;
        options.StatusCodes = new[] { "503" };
        Assert.Equal(503, (await new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None)).StatusCode);

        options.StatusCodes = new[] { "200-299,304" };
        options.Timeout = TimeSpan.FromMilliseconds(500);
        var e = await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None));
        Assert.Contains("last: 127.0.0.1 answers HTTP/1.0 503 Service Unavailable, not 200-299, 304)", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[::1]")]
    [InlineData("::1")]
    public async Task An_IPv6_literal_with_or_without_brackets_is_waited_for_on_that_address(string host)
    {
        using var server = new ScriptedHttpServer(IPAddress.IPv6Loopback, 200);
        var options = Options(server.Port, host);
        options.Http = true;

        var wait = await new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None);

        Assert.Equal(("::1", 200), (wait.RemoteAddress, wait.StatusCode));
    }

    [Fact]
    public async Task Cancelling_stops_the_wait_at_once()
    {
        using var cancel = new CancellationTokenSource();
        var options = Options(FreePort.Tcp());
        options.Timeout = TimeSpan.FromMinutes(5);
        var waiting = new LocalhostConnectionWaiter().WaitAsync(options, null, cancel.Token);
        await Task.Delay(300);

        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Progress_reports_each_round_with_what_it_found()
    {
        var log = new ProgressLog();
        var options = Options(FreePort.Tcp());
        options.Timeout = TimeSpan.FromMilliseconds(400);

        await new LocalhostConnectionWaiter().TryWaitAsync(options, log, CancellationToken.None);

        var reports = log.Reports;
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.Equal("Wait-LocalhostConnection", r.Activity));
        Assert.Contains("round 1: 127.0.0.1 refuses", reports[0].Status, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("200-399", 200, true)]
    [InlineData("200-399", 399, true)]
    [InlineData("200-399", 400, false)]
    [InlineData("204", 204, true)]
    [InlineData("200,204", 203, false)]
    [InlineData(" 500 - 503 ", 502, true)]
    public void A_status_set_reads_codes_and_ranges(string text, int status, bool contained)
    {
        Assert.Equal(contained, HttpStatusSet.Parse(new[] { text }).Contains(status));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("399-200")]
    [InlineData("42")]
    [InlineData("200-")]
    [InlineData("")]
    public async Task A_status_that_is_not_one_is_Connection_InvalidStatusCode(string text)
    {
        var options = Options(80);
        options.Http = true;
        options.StatusCodes = new[] { text };

        var e = await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None));

        Assert.Equal(("Connection.InvalidStatusCode", ErrorKind.InvalidArgument), (e.ErrorId, e.Kind));
    }

    [Fact]
    public async Task A_path_with_a_space_is_Connection_InvalidPath_and_a_bad_port_is_Connection_InvalidPort()
    {
        var options = Options(80);
        options.Http = true;
        options.Path = "/a b";
        Assert.Equal("Connection.InvalidPath", (await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionWaiter().WaitAsync(options, null, CancellationToken.None))).ErrorId);
        Assert.Equal("Connection.InvalidPort", (await Assert.ThrowsAsync<LoopbackToolsException>(() => new LocalhostConnectionWaiter().WaitAsync(Options(0), null, CancellationToken.None))).ErrorId);
    }
}
