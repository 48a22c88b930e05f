using System.Collections.Generic;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// NETLINK_SOCK_DIAG requests and replies for inet sockets (linux/inet_diag.h, linux/sock_diag.h):
/// one SOCK_DIAG_BY_FAMILY dump per (family, protocol) with the kernel filtering by state,
/// each reply a struct inet_diag_msg followed by rtattrs (INET_DIAG_SKV6ONLY among them for AF_INET6).
/// Pure functions over byte buffers, so they are tested on hand-built and captured messages.
/// </summary>
internal static class SockDiagProtocol
{
    public const int SockDiagByFamily = 20;
    public const int TcpStateListen = 10;

    /// <summary>TCP_CLOSE: what the kernel reports for a bound, unconnected UDP socket (ss shows UNCONN).</summary>
    public const int TcpStateClose = 7;

    public const int InetDiagSkV6Only = 11;
    public const int IpProtoTcp = 6;
    public const int IpProtoUdp = 17;
    public const byte AfInet = 2;
    public const byte AfInet6 = 10;

    /// <summary>sizeof(struct inet_diag_req_v2): family, protocol, ext, pad, states, then a 48-byte inet_diag_sockid.</summary>
    public const int RequestLength = 56;

    /// <summary>sizeof(struct inet_diag_msg): family, state, timer, retrans, sockid (48), expires, rqueue, wqueue, uid, inode.</summary>
    public const int MessageLength = 72;

    private const string Source = "netlink sock_diag";

    public static byte[] BuildRequest(byte family, int protocol, int stateMask, uint sequence)
    {
        var buffer = new byte[NetlinkBuffer.HeaderLength + RequestLength];
        NetlinkBuffer.WriteHeader(buffer, SockDiagByFamily, NetlinkBuffer.FlagRequest | NetlinkBuffer.FlagDump, sequence);
        var p = NetlinkBuffer.HeaderLength;
        buffer[p] = family;
        buffer[p + 1] = (byte)protocol;
        buffer[p + 2] = 0; // idiag_ext: INET_DIAG_SKV6ONLY is always sent for AF_INET6 sockets; no optional extension needed
        NetlinkBuffer.WriteUInt32(buffer, p + 4, (uint)stateMask);
        return buffer; // the sockid stays zero: no port or address filter in the kernel
    }

    /// <summary>
    /// Parses one datagram of a dump into <paramref name="sockets"/>. Returns true when NLMSG_DONE arrived.
    /// A kernel error is returned as its errno through <paramref name="error"/>. Pass one
    /// <paramref name="addresses"/> cache for a whole dump so sockets on the same address share it.
    /// </summary>
    public static bool ParseDatagram(byte[] buffer, int count, ListenerProtocol protocol, List<ListenerSocket> sockets, out int error, BoundAddressCache? addresses = null)
    {
        error = 0;
        addresses ??= new BoundAddressCache();
        var offset = 0;
        while (NetlinkBuffer.TryReadMessage(buffer, count, ref offset, Source, out var type, out var payload, out var length))
        {
            switch (type)
            {
                case NetlinkBuffer.MessageDone:
                    return true;
                case NetlinkBuffer.MessageError:
                    error = NetlinkBuffer.ReadError(buffer, payload, length, Source);
                    return true;
                case SockDiagByFamily:
                    sockets.Add(ParseMessage(buffer, payload, length, protocol, addresses));
                    break;
                default:
                    throw ListenerErrors.Malformed(Source, $"unexpected message type {type}");
            }
        }

        return false;
    }

    public static ListenerSocket ParseMessage(byte[] buffer, int offset, int length, ListenerProtocol protocol, BoundAddressCache addresses)
    {
        if (length < MessageLength)
        {
            throw ListenerErrors.Malformed(Source, $"inet_diag_msg of {length} bytes, expected at least {MessageLength}");
        }

        var family = buffer[offset];
        var port = (buffer[offset + 4] << 8) | buffer[offset + 5]; // idiag_sport is big-endian
        BoundAddress address;
        bool? v6Only = null;
        if (family == AfInet)
        {
            address = addresses.Get(buffer, offset + 8, 4);
        }
        else if (family == AfInet6)
        {
            address = addresses.Get(buffer, offset + 8, 16);
            if (NetlinkBuffer.TryFindAttribute(buffer, offset + MessageLength, offset + length, InetDiagSkV6Only, Source, out var at, out var size) && size >= 1)
            {
                v6Only = buffer[at] != 0;
            }
        }
        else
        {
            throw ListenerErrors.Malformed(Source, $"address family {family} in an inet socket reply");
        }

        var uid = (int)NetlinkBuffer.ReadUInt32(buffer, offset + 64);
        var inode = (long)NetlinkBuffer.ReadUInt32(buffer, offset + 68);
        var socket = new ListenerSocket(protocol, address, port, v6Only, inode, uid);
        if (protocol == ListenerProtocol.Tcp && buffer[offset + 1] == TcpStateListen)
        {
            // For a listener the kernel reports its accept queue here (inet_diag: sk_ack_backlog, sk_max_ack_backlog).
            socket.AcceptQueue = (int)NetlinkBuffer.ReadUInt32(buffer, offset + 56);
            socket.AcceptBacklog = (int)NetlinkBuffer.ReadUInt32(buffer, offset + 60);
        }

        return socket;
    }
}
