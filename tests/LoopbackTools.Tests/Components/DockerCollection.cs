namespace LoopbackTools.Tests.Components;

/// <summary>Test classes in this collection share one dockerd (starting one takes about a second).</summary>
[CollectionDefinition(Name)]
public sealed class DockerCollection : ICollectionFixture<DockerFixture>
{
    public const string Name = "docker";
}
