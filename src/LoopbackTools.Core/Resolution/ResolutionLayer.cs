namespace LoopbackTools;

/// <summary>Where a name was looked up.</summary>
public enum ResolutionLayer
{
    /// <summary>The hosts file, read directly.</summary>
    HostsFile,

    /// <summary>The operating system's resolver (getaddrinfo through System.Net.Dns): what most clients get.</summary>
    OsResolver,

    /// <summary>A DNS server asked directly, A and AAAA.</summary>
    DnsServer,
}
