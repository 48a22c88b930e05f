namespace LoopbackTools.Tests.Components;

/// <summary>One dockerd shared by every test in the "docker" collection.</summary>
public sealed class DockerFixture : LazyFixture<DockerEngine>
{
    public DockerFixture()
        : base(() => new DockerEngine())
    {
    }

    public DockerEngine Engine => Component;
}
