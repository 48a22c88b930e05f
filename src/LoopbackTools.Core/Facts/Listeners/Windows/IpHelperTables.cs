using System;
using System.Collections.Generic;
using System.Net;

namespace LoopbackTools.Listeners.Windows;

/// <summary>
/// Parses the OWNER_PID tables that GetExtendedTcpTable / GetExtendedUdpTable fill (tcpmib.h, udpmib.h):
/// a DWORD dwNumEntries followed by packed rows of DWORDs and UCHAR[16] addresses, little-endian.
/// Addresses are in network byte order; a port is network byte order in the low 16 bits of its DWORD,
/// so its first two bytes in memory are the port, big-endian.
/// <code>
/// MIB_TCPROW_OWNER_PID  (24): dwState, dwLocalAddr, dwLocalPort, dwRemoteAddr, dwRemotePort, dwOwningPid
/// MIB_TCP6ROW_OWNER_PID (56): ucLocalAddr[16], dwLocalScopeId, dwLocalPort, ucRemoteAddr[16], dwRemoteScopeId,
///                             dwRemotePort, dwState, dwOwningPid
/// MIB_UDPROW_OWNER_PID  (12): dwLocalAddr, dwLocalPort, dwOwningPid
/// MIB_UDP6ROW_OWNER_PID (28): ucLocalAddr[16], dwLocalScopeId, dwLocalPort, dwOwningPid
/// </code>
/// </summary>
internal static class IpHelperTables
{
    public const int Tcp4RowLength = 24;
    public const int Tcp6RowLength = 56;
    public const int Udp4RowLength = 12;
    public const int Udp6RowLength = 28;

    /// <summary>MIB_TCP_STATE_LISTEN.</summary>
    public const int TcpStateListen = 2;

    public static List<ListenerSocket> ParseTcp4(byte[] table, int length) => Parse(table, length, Tcp4RowLength, "MIB_TCPTABLE_OWNER_PID", row =>
        ReadUInt32(table, row) != TcpStateListen ? null
            : new ListenerSocket(ListenerProtocol.Tcp, Address(table, row + 4, 4, 0), Port(table, row + 8), null, null, null, (int)ReadUInt32(table, row + 20)));

    public static List<ListenerSocket> ParseTcp6(byte[] table, int length) => Parse(table, length, Tcp6RowLength, "MIB_TCP6TABLE_OWNER_PID", row =>
        ReadUInt32(table, row + 48) != TcpStateListen ? null
            : new ListenerSocket(ListenerProtocol.Tcp, Address(table, row, 16, ReadUInt32(table, row + 16)), Port(table, row + 20), null, null, null, (int)ReadUInt32(table, row + 52)));

    public static List<ListenerSocket> ParseUdp4(byte[] table, int length) => Parse(table, length, Udp4RowLength, "MIB_UDPTABLE_OWNER_PID", row =>
        new ListenerSocket(ListenerProtocol.Udp, Address(table, row, 4, 0), Port(table, row + 4), null, null, null, (int)ReadUInt32(table, row + 8)));

    public static List<ListenerSocket> ParseUdp6(byte[] table, int length) => Parse(table, length, Udp6RowLength, "MIB_UDP6TABLE_OWNER_PID", row =>
        new ListenerSocket(ListenerProtocol.Udp, Address(table, row, 16, ReadUInt32(table, row + 16)), Port(table, row + 20), null, null, null, (int)ReadUInt32(table, row + 24)));

    private static List<ListenerSocket> Parse(byte[] table, int length, int rowLength, string name, Func<int, ListenerSocket?> readRow)
    {
        if (table is null || length < 4 || length > table.Length)
        {
            throw ListenerErrors.Malformed(name, $"{length} bytes is too short for dwNumEntries");
        }

        var entries = ReadUInt32(table, 0);
        if (entries > (uint)((length - 4) / rowLength))
        {
            throw ListenerErrors.Malformed(name, $"dwNumEntries {entries} needs {4 + ((long)entries * rowLength)} bytes, the table has {length}");
        }

        var sockets = new List<ListenerSocket>((int)entries);
        for (var i = 0; i < (int)entries; i++)
        {
            var socket = readRow(4 + (i * rowLength));
            if (socket is not null)
            {
                sockets.Add(socket);
            }
        }

        return sockets;
    }

    private static uint ReadUInt32(byte[] b, int offset) =>
        (uint)(b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24));

    private static int Port(byte[] b, int offset) => (b[offset] << 8) | b[offset + 1];

    private static IPAddress Address(byte[] b, int offset, int length, uint scopeId)
    {
        var bytes = new byte[length];
        Buffer.BlockCopy(b, offset, bytes, 0, length);
        return length == 16 ? new IPAddress(bytes, scopeId) : new IPAddress(bytes);
    }
}
