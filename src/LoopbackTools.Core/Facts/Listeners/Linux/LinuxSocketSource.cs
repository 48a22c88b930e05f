using System.Collections.Generic;
using System.IO;
using System.Net.Sockets;
using System.Threading;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Lists listening sockets on Linux: netlink sock_diag first (what ss uses; the kernel filters by state and
/// says which :: sockets are v6-only), /proc/net/* when netlink is unavailable or the namespace cannot be entered.
/// </summary>
internal static class LinuxSocketSource
{
    public static List<ListenerSocket> Read(ListenerScanOptions options, out string source, CancellationToken cancellationToken)
    {
        var sockets = new List<ListenerSocket>();
        var usedNetlink = false;
        var usedProcfs = false;
        NetlinkConnection? connection = null;
        try
        {
            if (!options.ForceProcfs)
            {
                connection = TryOpen(options.NetworkNamespaceOf);
            }

            foreach (var (protocol, family) in Wanted(options))
            {
                if (connection is not null && TryDump(connection, protocol, family, sockets, cancellationToken))
                {
                    usedNetlink = true;
                    continue;
                }

                sockets.AddRange(ReadProcfs(protocol, family, options.NetworkNamespaceOf));
                usedProcfs = true;
            }
        }
        finally
        {
            connection?.Dispose();
        }

        source = usedNetlink && usedProcfs ? "netlink+procfs" : usedProcfs ? "procfs" : "netlink";
        return sockets;
    }

    private static IEnumerable<(ListenerProtocol Protocol, AddressFamily Family)> Wanted(ListenerScanOptions options)
    {
        foreach (var protocol in new[] { ListenerProtocol.Tcp, ListenerProtocol.Udp })
        {
            if ((protocol == ListenerProtocol.Tcp && !options.IncludeTcp) || (protocol == ListenerProtocol.Udp && !options.IncludeUdp))
            {
                continue;
            }

            foreach (var family in new[] { AddressFamily.InterNetwork, AddressFamily.InterNetworkV6 })
            {
                if (options.AddressFamily is null || options.AddressFamily == family)
                {
                    yield return (protocol, family);
                }
            }
        }
    }

    private static NetlinkConnection? TryOpen(int? namespaceOf)
    {
        try
        {
            return NetlinkConnection.Open(LinuxNative.NetlinkSockDiag, namespaceOf);
        }
        catch (Diagnostics.LoopbackToolsException e) when (e.ErrorId is ListenerErrors.SystemCallFailedId or ListenerErrors.NamespaceUnavailableId)
        {
            return null; // no sock_diag in this kernel, or no right to enter the namespace: /proc/<pid>/net still answers
        }
    }

    private static bool TryDump(NetlinkConnection connection, ListenerProtocol protocol, AddressFamily family, List<ListenerSocket> sockets, CancellationToken cancellationToken)
    {
        var tcp = protocol == ListenerProtocol.Tcp;
        var request = SockDiagProtocol.BuildRequest(
            family == AddressFamily.InterNetwork ? SockDiagProtocol.AfInet : SockDiagProtocol.AfInet6,
            tcp ? SockDiagProtocol.IpProtoTcp : SockDiagProtocol.IpProtoUdp,
            1 << (tcp ? SockDiagProtocol.TcpStateListen : SockDiagProtocol.TcpStateClose),
            (uint)sockets.Count + 1);
        var found = new List<ListenerSocket>();
        var addresses = new BoundAddressCache();
        var error = 0;
        connection.Dump(request, (buffer, count) => SockDiagProtocol.ParseDatagram(buffer, count, protocol, found, out error, addresses), cancellationToken);
        if (error != 0)
        {
            return false; // e.g. ENOENT when the udp_diag module is missing: that protocol comes from /proc/net
        }

        // UDP sockets in TCP_CLOSE with port 0 are unbound: not listeners.
        foreach (var socket in found)
        {
            if (socket.Port != 0)
            {
                sockets.Add(socket);
            }
        }

        return true;
    }

    private static List<ListenerSocket> ReadProcfs(ListenerProtocol protocol, AddressFamily family, int? namespaceOf)
    {
        var name = (protocol == ListenerProtocol.Tcp ? "tcp" : "udp") + (family == AddressFamily.InterNetworkV6 ? "6" : string.Empty);
        var path = namespaceOf is int pid ? $"/proc/{pid}/net/{name}" : $"/proc/net/{name}";
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            return new List<ListenerSocket>(); // IPv6 disabled in this kernel
        }
        catch (DirectoryNotFoundException) when (namespaceOf is int gone)
        {
            throw ListenerErrors.ProcessNotFound(gone);
        }

        var state = protocol == ListenerProtocol.Tcp ? ProcNetParser.TcpListenState : ProcNetParser.UdpUnconnectedState;
        var sockets = ProcNetParser.Parse(text, protocol, state, path, System.BitConverter.IsLittleEndian);
        sockets.RemoveAll(s => s.Port == 0);
        return sockets;
    }
}
