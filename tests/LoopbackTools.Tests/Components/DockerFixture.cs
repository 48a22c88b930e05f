namespace LoopbackTools.Tests.Components;

/// <summary>One dockerd shared by every test in the "docker" collection; started on first use.</summary>
public sealed class DockerFixture : IDisposable
{
    private readonly Lazy<DockerEngine> _engine = new(() => new DockerEngine());

    public DockerEngine Engine => _engine.Value;

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
