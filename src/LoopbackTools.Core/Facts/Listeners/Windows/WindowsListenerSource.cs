using System.Collections.Generic;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace LoopbackTools.Listeners.Windows;

/// <summary>
/// GetExtendedTcpTable(TCP_TABLE_OWNER_PID_LISTENER) and GetExtendedUdpTable(UDP_TABLE_OWNER_PID) for IPv4 and
/// IPv6, retrying while the table grows between the size query and the read. Parsing is in <see cref="IpHelperTables"/>.
/// </summary>
internal static class WindowsListenerSource
{
    private const int AfInet = 2;
    private const int AfInet6 = 23;
    private const int TcpTableOwnerPidListener = 3;
    private const int UdpTableOwnerPid = 1;
    private const uint NoError = 0;
    private const uint ErrorInsufficientBuffer = 122;

    public static List<ListenerSocket> Read(ListenerScanOptions options)
    {
        var sockets = new List<ListenerSocket>();
        var v4 = options.AddressFamily is null or AddressFamily.InterNetwork;
        var v6 = options.AddressFamily is null or AddressFamily.InterNetworkV6;
        if (options.IncludeTcp && v4)
        {
            sockets.AddRange(Fetch(true, AfInet, IpHelperTables.ParseTcp4));
        }

        if (options.IncludeTcp && v6)
        {
            sockets.AddRange(Fetch(true, AfInet6, IpHelperTables.ParseTcp6));
        }

        if (options.IncludeUdp && v4)
        {
            sockets.AddRange(Fetch(false, AfInet, IpHelperTables.ParseUdp4));
        }

        if (options.IncludeUdp && v6)
        {
            sockets.AddRange(Fetch(false, AfInet6, IpHelperTables.ParseUdp6));
        }

        return sockets;
    }

    private static List<ListenerSocket> Fetch(bool tcp, int family, System.Func<byte[], int, List<ListenerSocket>> parse)
    {
        var size = 0;
        byte[]? buffer = null;
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var status = tcp
                ? GetExtendedTcpTable(buffer, ref size, false, family, TcpTableOwnerPidListener, 0)
                : GetExtendedUdpTable(buffer, ref size, false, family, UdpTableOwnerPid, 0);
            if (status == NoError && buffer is not null)
            {
                return parse(buffer, size);
            }

            if (status != ErrorInsufficientBuffer && status != NoError)
            {
                throw ListenerErrors.SystemCallFailed(tcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable", (int)status);
            }

            buffer = new byte[size + 4096]; // room for sockets opened before the next call
            size = buffer.Length;
        }

        throw ListenerErrors.SystemCallFailed(tcp ? "GetExtendedTcpTable (table kept growing)" : "GetExtendedUdpTable (table kept growing)", (int)ErrorInsufficientBuffer);
    }

    [DllImport("iphlpapi.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern uint GetExtendedTcpTable(byte[]? table, ref int size, bool order, int family, int tableClass, uint reserved);

    [DllImport("iphlpapi.dll")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.System32)]
    private static extern uint GetExtendedUdpTable(byte[]? table, ref int size, bool order, int family, int tableClass, uint reserved);
}
