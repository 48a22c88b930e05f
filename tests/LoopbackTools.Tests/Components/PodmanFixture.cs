namespace LoopbackTools.Tests.Components;

/// <summary>One podman API service shared by every test in the "podman" collection; started on first use.</summary>
public sealed class PodmanFixture : IDisposable
{
    private readonly Lazy<PodmanEngine> _engine = new(() => new PodmanEngine());

    public PodmanEngine Engine => _engine.Value;

    public void Dispose()
    {
        if (_engine.IsValueCreated)
        {
            _engine.Value.Dispose();
        }
    }
}
