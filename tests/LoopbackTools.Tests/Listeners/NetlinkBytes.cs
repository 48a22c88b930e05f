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

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    public static byte[] FromHex(string hex) => Convert.FromHexString(hex.Trim());

    private static int Align(int n) => (n + 3) & ~3;
}
