using System.Net.Sockets;
using System.Text;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;

namespace LoopbackTools.Tests.Containers;

/// <summary>The client over real unix sockets, answered with recorded (and damaged) engine responses.</summary>
public sealed class DockerApiClientTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Negotiates_the_version_once_then_inspects_on_the_versioned_path()
    {
        using var engine = VersionThen("inspect-web.http");
        var client = ClientFor(engine);

        var first = await client.InspectContainerAsync("/web", CancellationToken.None);
        var second = await client.InspectContainerAsync("web", CancellationToken.None);

        Assert.Equal("web", first.Name);
        Assert.Equal(first.Id, second.Id);
        Assert.Equal(new[] { "GET /version HTTP/1.1", "GET /v1.41/containers/web/json HTTP/1.1", "GET /v1.41/containers/web/json HTTP/1.1" }, engine.RequestLines);
    }

    [Fact]
    public async Task A_404_names_the_unknown_container_with_the_engines_message()
    {
        using var engine = VersionThen("inspect-not-found.http");
        var client = ClientFor(engine);

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.InspectContainerAsync("no-such-container", CancellationToken.None));

        Assert.Equal(DockerErrors.ContainerNotFoundId, error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("No such container: no-such-container", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_error_status_is_an_api_error_with_the_engines_message()
    {
        using var engine = new RecordedEngine(_ => RecordedEngine.Fixture("version-too-new.http"));
        var client = ClientFor(engine);

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.GetEngineAsync(CancellationToken.None));

        Assert.Equal(DockerErrors.ApiErrorId, error.ErrorId);
        Assert.Contains("Maximum supported API version is 1.41", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_truncated_answer_from_the_socket_is_a_malformed_response()
    {
        using var engine = new RecordedEngine(_ => RecordedEngine.Fixture("version.http")[..300]);
        var client = ClientFor(engine);

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.GetEngineAsync(CancellationToken.None));

        Assert.Equal(DockerErrors.MalformedResponseId, error.ErrorId);
    }

    [Fact]
    public async Task An_engine_that_never_answers_is_a_timeout_not_a_hang()
    {
        using var engine = new RecordedEngine(_ => Array.Empty<byte>());
        var client = new DockerApiClient(DockerEndpoint.Parse(engine.Endpoint), TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.GetEngineAsync(CancellationToken.None));

        Assert.Equal(DockerErrors.TimeoutId, error.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, error.Kind);
    }

    [Fact]
    public async Task Cancelling_a_request_to_a_silent_engine_ends_it()
    {
        using var engine = new RecordedEngine(_ => Array.Empty<byte>());
        var client = new DockerApiClient(DockerEndpoint.Parse(engine.Endpoint), TimeSpan.FromMinutes(5));
        using var cancel = new CancellationTokenSource();

        var pending = client.GetEngineAsync(cancel.Token);
        Eventually(() => engine.RequestLines.Count == 1);
        cancel.Cancel();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
    }

    [Fact]
    public async Task A_missing_socket_is_engine_unreachable_with_the_remedy()
    {
        var path = Path.Combine(Path.GetTempPath(), "lbt-no-such-" + Guid.NewGuid().ToString("N")[..8], "docker.sock");
        var client = new DockerApiClient(DockerEndpoint.Parse("unix://" + path), Timeout);

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.GetEngineAsync(CancellationToken.None));

        Assert.Equal(DockerErrors.EngineUnreachableId, error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Kind);
        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("DOCKER_HOST", error.Remedy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_socket_file_nobody_listens_on_is_engine_unreachable()
    {
        var folder = Directory.CreateTempSubdirectory("lbt-dead-").FullName;
        try
        {
            var path = Path.Combine(folder, "docker.sock");
            using (var dead = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified))
            {
                // .NET unlinks the file when a UnixDomainSocketEndPoint-bound socket closes; ours leaves it, like a crashed daemon.
                dead.Bind(new UnixSocketEndPoint(path));
            }

            Assert.True(File.Exists(path));

            var client = new DockerApiClient(DockerEndpoint.Parse("unix://" + path), Timeout);
            var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.GetEngineAsync(CancellationToken.None));

            Assert.Equal(DockerErrors.EngineUnreachableId, error.ErrorId);
            Assert.Contains("connection refused", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task A_loopback_tcp_endpoint_nobody_listens_on_is_engine_unreachable()
    {
        var port = Components.FreePort.Tcp();
        var client = new DockerApiClient(DockerEndpoint.Parse($"tcp://127.0.0.1:{port}"), Timeout);

        var error = await Assert.ThrowsAsync<LoopbackToolsException>(() => client.GetEngineAsync(CancellationToken.None));

        Assert.Equal(DockerErrors.EngineUnreachableId, error.ErrorId);
    }

    [Fact]
    public async Task The_own_sockaddr_un_endpoint_connects_to_a_real_unix_socket()
    {
        using var engine = new RecordedEngine(_ => Encoding.ASCII.GetBytes("HTTP/1.1 204 No Content\r\n\r\n"));
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);

        await socket.ConnectAsync(new UnixSocketEndPoint(engine.SocketPath));

        Assert.True(socket.Connected);
        Assert.Equal(engine.SocketPath, new UnixSocketEndPoint(engine.SocketPath).Create(new UnixSocketEndPoint(engine.SocketPath).Serialize()).ToString());
        Assert.Throws<ArgumentException>(() => new UnixSocketEndPoint(new string('a', UnixSocketEndPoint.MaxPathBytes)));
    }

    /// <summary>Answers /version with the recorded one and every other request with <paramref name="fixture"/>.</summary>
    private static RecordedEngine VersionThen(string fixture) => new(line => RecordedEngine.Fixture(line.StartsWith("GET /version ", StringComparison.Ordinal) ? "version.http" : fixture));

    private static DockerApiClient ClientFor(RecordedEngine engine) => new(DockerEndpoint.Parse(engine.Endpoint), Timeout);

    private static void Eventually(Func<bool> condition) => Components.Eventually.True(condition, TimeSpan.FromSeconds(10), "condition met");
}
