using System;

namespace LoopbackTools.Connection;

/// <summary>What Test-LocalhostConnection checks; paths and endpoints are injectable so tests use their own.</summary>
public sealed class LocalhostConnectionOptions
{
    public LocalhostConnectionOptions(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The name a client uses.</summary>
    public string Name { get; set; } = Resolution.LocalhostNames.Localhost;

    /// <summary>The process that should hold the port: named in the Listener step when another one does, or none.</summary>
    public string? ProcessName { get; set; }

    /// <summary>Send one GET / to the address that accepts.</summary>
    public bool Http { get; set; }

    /// <summary>Add the Tls step (handshake and certificate) after Connect; the Http step then sends its request over TLS.</summary>
    public bool Https { get; set; }

    /// <summary>Bound on each connection, each request, the OS lookup, the engine and nft.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The hosts file to read; the OS's own when null.</summary>
    public string? HostsFilePath { get; set; }

    /// <summary>The container engine endpoint (as DOCKER_HOST); DOCKER_HOST, then the platform default, when null.</summary>
    public string? Engine { get; set; }

    /// <summary>The proxy variables (name to value) to judge; this process's environment when null.</summary>
    public System.Collections.Generic.IReadOnlyDictionary<string, string>? ProxyVariables { get; set; }

    /// <summary>The nft program; searched on PATH and in /usr/sbin and /sbin when null.</summary>
    public string? NftPath { get; set; }
}
