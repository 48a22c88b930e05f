using System;
using System.Linq;

namespace LoopbackTools.Listeners.Owners;

/// <summary>Processes that hold a host port on behalf of a container engine (Docker, podman, Docker Desktop, WSL).</summary>
internal static class EngineProxy
{
    private static readonly string[] Names = { "docker-proxy", "rootlessport", "rootlessport-child", "conmon", "slirp4netns", "pasta", "pasta.avx2", "gvproxy", "vpnkit-bridge", "com.docker.backend", "wslrelay" };

    public static bool IsProxy(string? processName) => processName is not null && Names.Contains(processName, StringComparer.OrdinalIgnoreCase);
}
