using System.Net;
using LoopbackTools.Listeners.MacOS;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// Builds what proc_pidfdinfo(PROC_PIDFDSOCKETINFO) returns, laid out exactly like struct socket_fdinfo
/// (xnu bsd/sys/proc_info.h, LP64, little-endian), with the offsets documented on <see cref="SocketFdInfoParser"/>.
/// </summary>
public static class SocketFdInfoBytes
{
    public static byte[] Build(int family, int kind, int protocol, int port, byte vflag, IPAddress address, int tcpState, uint flags = 0, ulong handle = 0, int length = SocketFdInfoParser.Length)
    {
        var info = new byte[length];
        BitConverter.GetBytes(handle).CopyTo(info, SocketFdInfoParser.SocketHandleOffset);
        BitConverter.GetBytes(protocol).CopyTo(info, SocketFdInfoParser.ProtocolOffset);
        BitConverter.GetBytes(family).CopyTo(info, SocketFdInfoParser.FamilyOffset);
        BitConverter.GetBytes(kind).CopyTo(info, SocketFdInfoParser.KindOffset);
        info[SocketFdInfoParser.LocalPortOffset] = (byte)(port >> 8); // insi_lport holds the port in network order
        info[SocketFdInfoParser.LocalPortOffset + 1] = (byte)port;
        BitConverter.GetBytes(flags).CopyTo(info, SocketFdInfoParser.FlagsOffset);
        info[SocketFdInfoParser.VFlagOffset] = vflag;
        var bytes = address.GetAddressBytes();
        bytes.CopyTo(info, SocketFdInfoParser.LocalAddressOffset + (bytes.Length == 4 ? 12 : 0)); // in4in6_addr: 12 pad bytes first
        BitConverter.GetBytes(tcpState).CopyTo(info, SocketFdInfoParser.TcpStateOffset);
        return info;
    }

    /// <summary>A listening IPv4 TCP socket on 127.0.0.1 with this kernel handle (soi_so).</summary>
    public static byte[] TcpListener(int port, ulong handle, int length = SocketFdInfoParser.Length) =>
        Build(family: 2, kind: 2, protocol: 6, port: port, vflag: 1, address: IPAddress.Loopback, tcpState: 1, handle: handle, length: length);
}
