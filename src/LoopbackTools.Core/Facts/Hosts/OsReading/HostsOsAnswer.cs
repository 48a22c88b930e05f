using System.Collections.Generic;
using System.Net;

namespace LoopbackTools.Hosts;

/// <summary>What glibc answers for one name from a hosts file, and every line it reads otherwise than the file looks.</summary>
public sealed class HostsOsAnswer
{
    internal HostsOsAnswer(IReadOnlyList<IPAddress> addresses, IReadOnlyList<HostsReadingDifference> differences)
    {
        Addresses = addresses;
        Differences = differences;
    }

    /// <summary>The addresses nss_files gives getaddrinfo, in file order (getaddrinfo then sorts them).</summary>
    public IReadOnlyList<IPAddress> Addresses { get; }

    public IReadOnlyList<HostsReadingDifference> Differences { get; }
}
