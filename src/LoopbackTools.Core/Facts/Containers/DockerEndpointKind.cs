namespace LoopbackTools.Containers;

/// <summary>How the engine's API is reached.</summary>
public enum DockerEndpointKind
{
    /// <summary>A unix domain socket (Linux, macOS; also podman's API service).</summary>
    UnixSocket,

    /// <summary>A Windows named pipe such as <c>//./pipe/docker_engine</c>.</summary>
    NamedPipe,

    /// <summary>Plain HTTP over TCP, accepted only to a loopback address.</summary>
    Tcp,
}
