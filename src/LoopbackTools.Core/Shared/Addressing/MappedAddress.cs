using System.Collections.Generic;
using System.Linq;
using System.Net;

namespace LoopbackTools.Addressing;

/// <summary>IPv4-mapped IPv6 (::ffff:127.0.0.1) is the IPv4 address on a dual-stack socket: compare and show it as IPv4.</summary>
internal static class MappedAddress
{
    public static IPAddress Unmap(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    /// <summary>The addresses unmapped, duplicates after unmapping dropped, order kept (the order clients try).</summary>
    public static IPAddress[] UnmapAll(IEnumerable<IPAddress>? addresses) => (addresses ?? Enumerable.Empty<IPAddress>()).Select(Unmap).Distinct().ToArray();
}
