namespace LoopbackTools.Listeners.Owners;

/// <summary>Which engine's naming a container cgroup follows (both engines answer the same API).</summary>
internal enum ContainerEngineFamily
{
    Docker,
    Podman,
}
