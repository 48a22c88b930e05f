using Xunit.Abstractions;

namespace LoopbackTools.Tests.Components;

[Collection(DockerCollection.Name)]
public sealed class DockerSmokeTests : IDisposable
{
    private readonly DockerFixture _docker;
    private readonly ITestOutputHelper _output;

    public DockerSmokeTests(DockerFixture docker, ITestOutputHelper output)
    {
        _docker = docker;
        _output = output;
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public async Task A_container_started_from_the_imported_image_answers_on_its_published_port()
    {
        var port = FreePort.Tcp();
        var id = _docker.Engine.RunWebServer($"127.0.0.1:{port}:8080");
        Assert.Matches("^[0-9a-f]{64}$", id);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var body = await Eventually.Get(http, new Uri($"http://127.0.0.1:{port}/"), TimeSpan.FromSeconds(20));
        Assert.Equal("hello from ci-bb\n", body);
    }

    public void Dispose()
    {
        try
        {
            _output.WriteLine("dockerd log (tail):\n" + string.Join('\n', _docker.Engine.Log.Split('\n').TakeLast(60)));
        }
        catch (InvalidOperationException e)
        {
            _output.WriteLine(e.Message);
        }
    }
}
