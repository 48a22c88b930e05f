namespace LoopbackTools;

/// <summary>Where a name was looked up, or (Port) where a connection to it went.</summary>
public enum ResolutionLayer
{
    /// <summary>The hosts file, read directly.</summary>
    HostsFile,

    /// <summary>The operating system's resolver (getaddrinfo through System.Net.Dns): what most clients get.</summary>
    OsResolver,

    /// <summary>A DNS server asked directly, A and AAAA.</summary>
    DnsServer,

    /// <summary>TCP connections to the name's addresses (and 127.0.0.1, ::1) on -Port: which address answers.</summary>
    Port,
}
