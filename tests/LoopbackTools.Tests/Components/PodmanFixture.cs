namespace LoopbackTools.Tests.Components;

/// <summary>One podman API service shared by every test in the "podman" collection.</summary>
public sealed class PodmanFixture : LazyFixture<PodmanEngine>
{
    public PodmanFixture()
        : base(() => new PodmanEngine())
    {
    }

    public PodmanEngine Engine => Component;
}
