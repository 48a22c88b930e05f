namespace LoopbackTools.Tests.Components;

/// <summary>Test classes in this collection share one podman API service.</summary>
[CollectionDefinition(Name)]
public sealed class PodmanCollection : ICollectionFixture<PodmanFixture>
{
    public const string Name = "podman";
}
