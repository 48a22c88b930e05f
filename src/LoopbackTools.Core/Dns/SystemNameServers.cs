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
            if (adapter.OperationalStatus != OperationalStatus.Up)
            {
                continue;
            }

            foreach (var address in adapter.GetIPProperties().DnsAddresses)
            {
                var endpoint = new IPEndPoint(address, ResolvConf.DnsPort);
                if (!servers.Contains(endpoint))
                {
                    servers.Add(endpoint);
                }
            }
        }

        return servers;
    }
}
