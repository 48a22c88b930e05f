using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Threading;
using LoopbackTools.Addressing;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Listeners;

/// <summary>
/// Lists loopback interfaces. Linux: netlink route dumps of links and addresses, which answer for the
/// namespace the socket was created in (so -NetworkNamespaceOf works and a fresh namespace reads right);
/// elsewhere, or when netlink is unavailable: System.Net.NetworkInformation.
/// </summary>
public static class LoopbackInterfaceReader
{
    public static IReadOnlyList<LoopbackInterface> Read(int? networkNamespaceOf, CancellationToken cancellationToken)
    {
        if (!RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
        {
            if (networkNamespaceOf is not null)
            {
                throw ListenerErrors.NotSupported("-NetworkNamespaceOf (Linux network namespaces)");
            }

            return FromNetworkInformation(null);
        }

        if (networkNamespaceOf is int pid && !Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)))
        {
            throw ListenerErrors.ProcessNotFound(pid);
        }

        var namespaceId = NetworkNamespaceId.Of(networkNamespaceOf);
        NetlinkConnection connection;
        try
        {
            connection = NetlinkConnection.Open(LinuxNative.NetlinkRoute, networkNamespaceOf);
        }
        catch (Diagnostics.LoopbackToolsException e) when (e.ErrorId == ListenerErrors.SystemCallFailedId && networkNamespaceOf is null)
        {
            return FromNetworkInformation(namespaceId);
        }

        using (connection)
        {
            var links = new List<RouteNetlinkProtocol.LinkRecord>();
            var addresses = new List<RouteNetlinkProtocol.AddressRecord>();
            connection.Dump(RouteNetlinkProtocol.BuildLinkRequest(1), (b, n) => RouteNetlinkProtocol.ParseLinks(b, n, links), cancellationToken);
            connection.Dump(RouteNetlinkProtocol.BuildAddressRequest(2), (b, n) => RouteNetlinkProtocol.ParseAddresses(b, n, addresses), cancellationToken);
            return links
                .Where(l => (l.Flags & RouteNetlinkProtocol.IffLoopback) != 0)
                .Select(l => Create(
                    l.Name,
                    (l.Flags & RouteNetlinkProtocol.IffUp) != 0,
                    l.Mtu,
                    addresses.Where(a => a.Index == l.Index).Select(a => (a.Address, a.PrefixLength)),
                    namespaceId))
                .ToList();
        }
    }

    internal static LoopbackInterface Create(string name, bool isUp, int mtu, IEnumerable<(IPAddress Address, int PrefixLength)> addresses, long? namespaceId)
    {
        var list = addresses.ToList();
        return new LoopbackInterface(
            name,
            isUp,
            mtu,
            list.Select(a => a.Address + "/" + a.PrefixLength.ToString(CultureInfo.InvariantCulture)).ToArray(),
            list.Any(a => a.Address.AddressFamily == AddressFamily.InterNetwork && AddressClassifier.IsLoopback(a.Address)),
            list.Any(a => a.Address.Equals(IPAddress.IPv6Loopback)),
            namespaceId);
    }

    private static List<LoopbackInterface> FromNetworkInformation(long? namespaceId)
    {
        var result = new List<LoopbackInterface>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces().Where(n => n.NetworkInterfaceType == NetworkInterfaceType.Loopback))
        {
            var properties = nic.GetIPProperties();
            var addresses = properties.UnicastAddresses.Select(u => (u.Address, u.PrefixLength));
            var mtu = -1;
            try
            {
                mtu = properties.GetIPv4Properties()?.Mtu ?? properties.GetIPv6Properties()?.Mtu ?? -1;
            }
            catch (NetworkInformationException)
            {
                // MTU unavailable for this interface
            }
            catch (PlatformNotSupportedException)
            {
                // not reported on this OS
            }

            result.Add(Create(nic.Name, nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown, mtu, addresses, namespaceId));
        }

        return result;
    }
}
