namespace LoopbackTools;

/// <summary>The checklist steps of Test-LocalhostConnection (Listener to Http, in the order it writes them) and of Test-ContainerConnection.</summary>
public enum ConnectionStep
{
    /// <summary>Does anything listen on the TCP port, which process, where bound.</summary>
    Listener,

    /// <summary>The hosts-file lines for the name, both families.</summary>
    HostsFile,

    /// <summary>What the OS resolver returns, in the order clients try.</summary>
    Resolution,

    /// <summary>A real connection to every address of the name, and to 127.0.0.1 and ::1.</summary>
    Connect,

    /// <summary>Loopback only, all interfaces, or a specific address.</summary>
    Bind,

    /// <summary>A packet filter acting on loopback.</summary>
    Firewall,

    /// <summary>A container engine publishing the port, and that container's own checks.</summary>
    Container,

    /// <summary>Proxy variables (and WinINET on Windows) that send a client's request for the name, 127.0.0.1 or [::1] to a proxy.</summary>
    Proxy,

    /// <summary>One GET / to the address that accepts (with -Http).</summary>
    Http,

    /// <summary>Test-ContainerConnection: what localhost means inside the container (its own listeners on the port).</summary>
    Localhost,

    /// <summary>Test-ContainerConnection: how the target name resolves inside the container (its hosts file, its resolver).</summary>
    Name,

    /// <summary>Test-ContainerConnection: the networks the container shares with the target, or its gateway to the host.</summary>
    Network,

    /// <summary>Test-ContainerConnection: which host listener receives a connection from the container's bridge.</summary>
    HostBind,

    /// <summary>With -Https: the TLS handshake after Connect and the certificate judged for every client family.</summary>
    Tls,

    /// <summary>With -Http or -Https: whether browsers open the port at all (Chromium's and Firefox's restricted ports).</summary>
    Browser,
}
