using LoopbackTools.Containers;

namespace LoopbackTools.ContainerConnection;

/// <summary>The name each engine gives the host inside its containers.</summary>
internal static class HostNames
{
    public const string Docker = "host.docker.internal";
    public const string Podman = "host.containers.internal";

    public static string For(EngineInfo engine) => engine.Product == "Podman" ? Podman : Docker;

    public static bool IsHostName(string name) => string.Equals(name, Docker, System.StringComparison.OrdinalIgnoreCase) || string.Equals(name, Podman, System.StringComparison.OrdinalIgnoreCase);
}
