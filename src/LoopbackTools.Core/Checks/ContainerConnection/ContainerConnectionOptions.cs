using System;

namespace LoopbackTools.ContainerConnection;

/// <summary>What Test-ContainerConnection checks: from inside container <see cref="Container"/>, the way to <see cref="TargetName"/>:<see cref="Port"/>.</summary>
public sealed class ContainerConnectionOptions
{
    public ContainerConnectionOptions(string container, int port)
    {
        Container = container ?? throw new ArgumentNullException(nameof(container));
        Port = port;
    }

    /// <summary>The container the connection starts from: name, id or unique id prefix.</summary>
    public string Container { get; }

    public int Port { get; }

    /// <summary>What the app inside connects to: another container's name or alias, localhost, any name; null or empty for the host.</summary>
    public string? TargetName { get; set; }

    /// <summary>Bound on each engine call, DNS question and connection attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The engine's endpoint (unix://, npipe://, tcp://127.0.0.1); null for DOCKER_HOST, else the default socket.</summary>
    public string? Engine { get; set; }

    /// <summary>Tests: the nft binary (default: found on PATH).</summary>
    public string? NftPath { get; set; }
}
