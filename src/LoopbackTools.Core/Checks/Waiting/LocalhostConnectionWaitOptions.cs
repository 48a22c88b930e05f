using System;
using LoopbackTools.Resolution;

namespace LoopbackTools.Waiting;

/// <summary>What Wait-LocalhostConnection waits for.</summary>
public sealed class LocalhostConnectionWaitOptions
{
    public LocalhostConnectionWaitOptions(int port)
    {
        Port = port;
    }

    public int Port { get; }

    /// <summary>The name (or address literal, with or without brackets) a client uses.</summary>
    public string HostName { get; set; } = LocalhostNames.Localhost;

    /// <summary>How long to wait in all, from the first attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The pause between two rounds that found nothing.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Wait for an HTTP status in <see cref="StatusCodes"/> rather than for a connection.</summary>
    public bool Http { get; set; }

    /// <summary>As Http, over TLS (any certificate: on timeout the checklist's Tls step judges it).</summary>
    public bool Https { get; set; }

    /// <summary>The path -Http requests.</summary>
    public string Path { get; set; } = "/";

    /// <summary>The statuses -Http accepts, as written by the user (e.g. "200-399", "204").</summary>
    public string[] StatusCodes { get; set; } = { "200-399" };

    /// <summary>The checklist's hosts file on timeout (tests); the OS's own when null.</summary>
    public string? HostsFilePath { get; set; }

    /// <summary>The checklist's container engine on timeout (tests); DOCKER_HOST or the platform default when null.</summary>
    public string? Engine { get; set; }
}
