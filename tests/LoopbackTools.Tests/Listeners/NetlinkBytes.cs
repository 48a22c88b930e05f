using System.Net;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// Builds netlink messages byte by byte as the kernel lays them out (host byte order, 4-byte alignment):
/// struct nlmsghdr, struct inet_diag_msg, struct ifinfomsg / ifaddrmsg, struct rtattr.
/// </summary>
public static class NetlinkBytes
{
    public static byte[] Message(int type, params byte[][] payload)
    {
        var body = Concat(payload);
        var message = new byte[Align(16 + body.Length)];
        BitConverter.GetBytes((uint)(16 + body.Length)).CopyTo(message, 0);
        BitConverter.GetBytes((ushort)type).CopyTo(message, 4);
        BitConverter.GetBytes((ushort)0x2).CopyTo(message, 6); // NLM_F_MULTI
        BitConverter.GetBytes(7u).CopyTo(message, 8);
        body.CopyTo(message, 16);
        return message;
    }

    public static byte[] Done() => Message(3, BitConverter.GetBytes(0));

    public static byte[] Error(int errno) => Message(2, BitConverter.GetBytes(-errno), new byte[16]);

    public static byte[] Attribute(int type, byte[] value)
    {
        var attribute = new byte[Align(4 + value.Length)];
        BitConverter.GetBytes((ushort)(4 + value.Length)).CopyTo(attribute, 0);
        BitConverter.GetBytes((ushort)type).CopyTo(attribute, 2);
        value.CopyTo(attribute, 4);
        return attribute;
    }

    /// <summary>struct inet_diag_msg: family, state, timer, retrans, sockid{sport be16, dport be16, src[16], dst[16], if, cookie[2]}, expires, rqueue, wqueue, uid, inode.</summary>
    public static byte[] InetDiagMessage(IPAddress address, int port, int state, uint uid, uint inode)
    {
        var m = new byte[72];
        m[0] = (byte)(address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 2 : 10);
        m[1] = (byte)state;
        m[4] = (byte)(port >> 8);
        m[5] = (byte)port;
        address.GetAddressBytes().CopyTo(m, 8);
        BitConverter.GetBytes(uid).CopyTo(m, 64);
        BitConverter.GetBytes(inode).CopyTo(m, 68);
        return m;
    }

    /// <summary>struct ifinfomsg: family, pad, type (ARPHRD_LOOPBACK 772), index, flags, change.</summary>
    public static byte[] IfInfo(int index, uint flags) =>
        Concat(new byte[] { 0, 0 }, BitConverter.GetBytes((ushort)772), BitConverter.GetBytes(index), BitConverter.GetBytes(flags), BitConverter.GetBytes(0u));

    /// <summary>struct ifaddrmsg: family, prefix length, flags, scope (host), index.</summary>
    public static byte[] IfAddr(byte family, byte prefix, int index) =>
        Concat(new byte[] { family, prefix, 0, 254 }, BitConverter.GetBytes(index));

    /// <summary>An RTM_GETLINK dump reply: lo (up, loopback, running, MTU 65536) and eth0, then NLMSG_DONE.</summary>
    public static byte[] LinkDump() => Concat(
        Message(16, IfInfo(1, 0x1 | 0x8 | 0x40), Attribute(3, System.Text.Encoding.ASCII.GetBytes("lo\0")), Attribute(4, BitConverter.GetBytes(65536u))),
        Message(16, IfInfo(2, 0x1 | 0x2), Attribute(3, System.Text.Encoding.ASCII.GetBytes("eth0\0"))),
        Done());

    /// <summary>An RTM_GETADDR dump reply: 127.0.0.1/8 and ::1/128 on interface 1, then NLMSG_DONE.</summary>
    public static byte[] AddressDump() => Concat(
        Message(20, IfAddr(2, 8, 1), Attribute(1, new byte[] { 127, 0, 0, 1 }), Attribute(2, new byte[] { 127, 0, 0, 1 })),
        Message(20, IfAddr(10, 128, 1), Attribute(1, IPAddress.IPv6Loopback.GetAddressBytes())),
        Done());

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.Trim());

    private static int Align(int n) => (n + 3) & ~3;
}
