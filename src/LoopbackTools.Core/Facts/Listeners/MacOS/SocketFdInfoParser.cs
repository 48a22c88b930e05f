using System;
using System.Net;

namespace LoopbackTools.Listeners.MacOS;

/// <summary>
/// Parses struct socket_fdinfo, what proc_pidfdinfo(pid, fd, PROC_PIDFDSOCKETINFO) returns on macOS
/// (xnu bsd/sys/proc_info.h; LP64 natural alignment, little-endian on x86_64 and arm64):
/// <code>
/// socket_fdinfo (792)   pfi: proc_fileinfo (24) | psi: socket_info at 24
/// socket_info           soi_stat: vinfo_stat (136) | soi_so 136 | soi_pcb 144 | soi_type 152 | soi_protocol 156
///                       soi_family 160 | 8 shorts 164..180 | soi_oobmark 180 | soi_rcv 184 (24) | soi_snd 208 (24)
///                       soi_kind 232 | rfu_1 236 | soi_proto union at 240
/// in_sockinfo           insi_fport 0 | insi_lport 4 (network order in an int) | insi_gencnt 8 | insi_flags 16
///                       insi_flow 20 | insi_vflag 24 | insi_ip_ttl 25 | rfu_1 28 | insi_faddr 32 (16) | insi_laddr 48 (16)
///                       (in4in6_addr: 12 pad bytes, then the IPv4 address) | insi_v4 64 | insi_v6 68 (12) = 80
/// tcp_sockinfo          tcpsi_ini: in_sockinfo (80) | tcpsi_state 80 (TSI_S_LISTEN = 1) | ...
/// </code>
/// IN6P_IPV6_V6ONLY (0x8000, bsd/netinet/in_pcb.h) in insi_flags marks a v6-only socket.
/// soi_so is VM_KERNEL_ADDRPERM(socket) (fill_common_sockinfo): the same value in every process and descriptor that
/// holds the socket, so it is the socket's identity (<see cref="ListenerSocket.SocketId"/>).
/// A buffer longer than 792 bytes (a future, larger socket_fdinfo) is parsed by its known prefix.
/// </summary>
internal static class SocketFdInfoParser
{
    public const int Length = 792;
    public const int SocketInfoOffset = 24;
    public const int SocketHandleOffset = SocketInfoOffset + 136;
    public const int ProtocolOffset = SocketInfoOffset + 156;
    public const int FamilyOffset = SocketInfoOffset + 160;
    public const int KindOffset = SocketInfoOffset + 232;
    public const int ProtoUnionOffset = SocketInfoOffset + 240;
    public const int LocalPortOffset = ProtoUnionOffset + 4;
    public const int FlagsOffset = ProtoUnionOffset + 16;
    public const int VFlagOffset = ProtoUnionOffset + 24;
    public const int LocalAddressOffset = ProtoUnionOffset + 48;
    public const int TcpStateOffset = ProtoUnionOffset + 80;

    public const int SockInfoIn = 1;
    public const int SockInfoTcp = 2;
    public const int TcpStateListen = 1;
    public const int AfInet = 2;
    public const int AfInet6 = 30;
    public const int IpProtoUdp = 17;
    public const int InIpv4 = 0x1;
    public const int InIpv6 = 0x2;
    public const uint In6pIpv6V6Only = 0x8000;

    private const string Source = "proc_pidfdinfo(PROC_PIDFDSOCKETINFO)";

    /// <summary>A listening TCP socket or a bound UDP socket, or null for any other kind of socket.</summary>
    public static ListenerSocket? Parse(byte[] info, int length, int processId)
    {
        if (info is null || length < Length || length > info.Length)
        {
            throw ListenerErrors.Malformed(Source, $"{length} bytes where struct socket_fdinfo has at least {Length}");
        }

        var family = ReadInt32(info, FamilyOffset);
        var kind = ReadInt32(info, KindOffset);
        if (family != AfInet && family != AfInet6)
        {
            return null;
        }

        ListenerProtocol protocol;
        if (kind == SockInfoTcp)
        {
            if (ReadInt32(info, TcpStateOffset) != TcpStateListen)
            {
                return null;
            }

            protocol = ListenerProtocol.Tcp;
        }
        else if (kind == SockInfoIn && ReadInt32(info, ProtocolOffset) == IpProtoUdp)
        {
            protocol = ListenerProtocol.Udp;
        }
        else
        {
            return null;
        }

        var port = (info[LocalPortOffset] << 8) | info[LocalPortOffset + 1];
        if (port == 0)
        {
            return null;
        }

        var vflag = info[VFlagOffset];
        IPAddress address;
        bool? v6Only = null;
        if ((vflag & InIpv6) != 0)
        {
            address = new IPAddress(Slice(info, LocalAddressOffset, 16));
            v6Only = ((uint)ReadInt32(info, FlagsOffset) & In6pIpv6V6Only) != 0;
        }
        else if ((vflag & InIpv4) != 0)
        {
            address = new IPAddress(Slice(info, LocalAddressOffset + 12, 4));
        }
        else
        {
            return null; // insi_vflag names neither IPv4 nor IPv6: skip this one socket rather than abort the whole scan
        }

        var handle = ReadInt64(info, SocketHandleOffset);
        return new ListenerSocket(protocol, address, port, v6Only, handle == 0 ? null : handle, null, processId);
    }

    private static int ReadInt32(byte[] b, int offset) => b[offset] | (b[offset + 1] << 8) | (b[offset + 2] << 16) | (b[offset + 3] << 24);

    private static long ReadInt64(byte[] b, int offset) => (uint)ReadInt32(b, offset) | ((long)ReadInt32(b, offset + 4) << 32);

    private static byte[] Slice(byte[] b, int offset, int length)
    {
        var bytes = new byte[length];
        Buffer.BlockCopy(b, offset, bytes, 0, length);
        return bytes;
    }
}
