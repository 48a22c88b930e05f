namespace LoopbackTools.ContainerConnection;

/// <summary>What the app inside the container connects to.</summary>
internal enum ContainerTargetKind
{
    /// <summary>A service on the host (host.docker.internal, host.containers.internal, the gateway).</summary>
    Host,

    /// <summary>localhost: the container itself.</summary>
    Localhost,

    /// <summary>Another container on this engine, by name or alias.</summary>
    Container,

    /// <summary>Any other name, as the container resolves it.</summary>
    OtherName,
}
