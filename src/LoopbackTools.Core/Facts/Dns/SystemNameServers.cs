using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Runtime.InteropServices;
using DnsClient;

namespace LoopbackTools.Dns;

/// <summary>
/// The name servers this machine's resolver uses, found by DnsClient and never completed with public resolvers:
/// on Unix the nameserver lines of /etc/resolv.conf (<see cref="NameServer.ResolveNameServersNative"/>, which has no
/// fallback), on Windows the adapters' DNS servers and the NRPT (<see cref="NameServer.ResolveNameServers"/> with its
/// Google fallback turned off). Empty when none is configured.
/// </summary>
public static class SystemNameServers
{
    public static IReadOnlyList<IPEndPoint> Get()
    {
        IReadOnlyCollection<NameServer> found;
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            try
            {
                found = NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false);
            }
            catch (InvalidOperationException)
            {
                // DnsClient's "Could not resolve any NameServers" when every discovery path failed: none configured.
                found = Array.Empty<NameServer>();
            }
        }
        else
        {
            // Not ResolveNameServers: it skips loopback interfaces, so a host whose only interface is lo (a sealed
            // namespace, a laptop offline with a local stub resolver) would show none, while the C library still asks them.
            found = NameServer.ResolveNameServersNative();
        }

        return found.Select(s => new IPEndPoint(IPAddress.Parse(s.Address), s.Port)).Where(e => IsConfiguredServer(e.Address)).Distinct().ToArray();
    }

    /// <summary>
    /// Windows lists fec0:0:0:ffff::1, ::2 and ::3 (deprecated site-local, RFC 3879) as IPv6 DNS servers on every
    /// adapter that has none configured; nobody answers there, so asking them would report dead servers on a healthy
    /// machine. The unspecified addresses are no server either.
    /// </summary>
    internal static bool IsConfiguredServer(IPAddress address) =>
        !address.IsIPv6SiteLocal && !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any);
}
