using System.Collections.Generic;
using System.Net;
using System.Net.NetworkInformation;
using System.Runtime.InteropServices;

namespace LoopbackTools.Dns;

/// <summary>The name servers this machine's resolver uses: resolv.conf on Unix, the adapters' DNS servers on Windows.</summary>
public static class SystemNameServers
{
    public static IReadOnlyList<IPEndPoint> Get(string resolvConfPath = ResolvConf.DefaultPath)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return ResolvConf.Load(resolvConfPath);
        }

        var servers = new List<IPEndPoint>();
        foreach (var adapter in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (adapter.OperationalStatus != OperationalStatus.Up || adapter.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (var address in adapter.GetIPProperties().DnsAddresses)
            {
                var endpoint = new IPEndPoint(address, ResolvConf.DnsPort);
                if (IsConfiguredServer(address) && !servers.Contains(endpoint))
                {
                    servers.Add(endpoint);
                }
            }
        }

        return servers;
    }

    /// <summary>
    /// Windows lists fec0:0:0:ffff::1, ::2 and ::3 (deprecated site-local, RFC 3879) as IPv6 DNS servers on every
    /// adapter that has none configured, the loopback pseudo-interface included; nobody answers there, so asking them
    /// would report dead servers on a healthy machine.
    /// </summary>
    internal static bool IsConfiguredServer(IPAddress address) => !address.IsIPv6SiteLocal;
}
