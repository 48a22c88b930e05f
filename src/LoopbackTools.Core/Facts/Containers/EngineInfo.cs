namespace LoopbackTools.Containers;

/// <summary>What <c>GET /version</c> said about the engine, and the API path prefix chosen from it.</summary>
public sealed class EngineInfo
{
    public EngineInfo(string product, string version, string apiVersion, string pathPrefix, bool runsInVirtualMachine = false)
    {
        RunsInVirtualMachine = runsInVirtualMachine;
        Product = product;
        Version = version;
        ApiVersion = apiVersion;
        PathPrefix = pathPrefix;
    }

    /// <summary>"Docker" or "Podman".</summary>
    public string Product { get; }

    public string Version { get; }

    /// <summary>The API version the engine reports as its newest.</summary>
    public string ApiVersion { get; }

    /// <summary>"/v1.41" and the like, or "" when the engine's version could not be used.</summary>
    public string PathPrefix { get; }

    /// <summary>Docker Desktop (on any OS): container pids belong to the VM, not to this host's /proc.</summary>
    public bool RunsInVirtualMachine { get; }

    public override string ToString() => Version.Length == 0 ? Product : Product + " " + Version;
}
