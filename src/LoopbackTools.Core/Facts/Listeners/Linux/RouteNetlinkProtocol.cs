using System;
using System.Collections.Generic;
using System.Net;
using System.Text;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// NETLINK_ROUTE link and address dumps (linux/rtnetlink.h, linux/if_link.h, linux/if_addr.h):
/// RTM_NEWLINK replies carry struct ifinfomsg (16 bytes: family, pad, u16 type, s32 index, u32 flags, u32 change)
/// then IFLA_IFNAME / IFLA_MTU; RTM_NEWADDR replies carry struct ifaddrmsg (8 bytes: family, prefixlen, flags,
/// scope, u32 index) then IFA_LOCAL / IFA_ADDRESS. Pure functions over byte buffers.
/// </summary>
internal static class RouteNetlinkProtocol
{
    public const int RtmNewLink = 16;
    public const int RtmGetLink = 18;
    public const int RtmNewAddr = 20;
    public const int RtmGetAddr = 22;
    public const uint IffUp = 0x1;
    public const uint IffLoopback = 0x8;

    private const int IflaIfName = 3;
    private const int IflaMtu = 4;
    private const int IfaAddress = 1;
    private const int IfaLocal = 2;
    private const int IfInfoLength = 16;
    private const int IfAddrLength = 8;
    private const string Source = "netlink route";

    public static byte[] BuildLinkRequest(uint sequence) => Build(RtmGetLink, IfInfoLength, sequence);

    public static byte[] BuildAddressRequest(uint sequence) => Build(RtmGetAddr, IfAddrLength, sequence);

    /// <summary>Parses a link dump datagram; returns true at NLMSG_DONE.</summary>
    public static bool ParseLinks(byte[] buffer, int count, List<LinkRecord> links) =>
        ForEachReply(buffer, count, RtmNewLink, IfInfoLength, "ifinfomsg", (payload, length) =>
        {
            var index = (int)NetlinkBuffer.ReadUInt32(buffer, payload + 4);
            var flags = NetlinkBuffer.ReadUInt32(buffer, payload + 8);
            var name = NetlinkBuffer.TryFindAttribute(buffer, payload + IfInfoLength, payload + length, IflaIfName, Source, out var at, out var size)
                ? Encoding.UTF8.GetString(buffer, at, size).TrimEnd('\0')
                : "if" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var mtu = NetlinkBuffer.TryFindAttribute(buffer, payload + IfInfoLength, payload + length, IflaMtu, Source, out at, out size) && size >= 4
                ? (int)NetlinkBuffer.ReadUInt32(buffer, at)
                : -1;
            links.Add(new LinkRecord(index, name, flags, mtu));
        });

    /// <summary>Parses an address dump datagram; returns true at NLMSG_DONE.</summary>
    public static bool ParseAddresses(byte[] buffer, int count, List<AddressRecord> addresses) =>
        ForEachReply(buffer, count, RtmNewAddr, IfAddrLength, "ifaddrmsg", (payload, length) =>
        {
            var prefix = buffer[payload + 1];
            var index = (int)NetlinkBuffer.ReadUInt32(buffer, payload + 4);
            var found = NetlinkBuffer.TryFindAttribute(buffer, payload + IfAddrLength, payload + length, IfaLocal, Source, out var at, out var size)
                || NetlinkBuffer.TryFindAttribute(buffer, payload + IfAddrLength, payload + length, IfaAddress, Source, out at, out size);
            if (found && (size == 4 || size == 16))
            {
                var bytes = new byte[size];
                Buffer.BlockCopy(buffer, at, bytes, 0, size);
                addresses.Add(new AddressRecord(index, new IPAddress(bytes), prefix));
            }
        });

    /// <summary>Calls <paramref name="reply"/> for each message of <paramref name="wantedType"/>; returns true at the end of the dump.</summary>
    private static bool ForEachReply(byte[] buffer, int count, int wantedType, int headerLength, string header, Action<int, int> reply)
    {
        var offset = 0;
        while (NetlinkBuffer.TryReadMessage(buffer, count, ref offset, Source, out var type, out var payload, out var length))
        {
            if (IsEnd(buffer, type, payload, length))
            {
                return true;
            }

            if (type != wantedType)
            {
                continue;
            }

            if (length < headerLength)
            {
                throw ListenerErrors.Malformed(Source, $"{header} of {length} bytes");
            }

            reply(payload, length);
        }

        return false;
    }

    private static bool IsEnd(byte[] buffer, int type, int payload, int length)
    {
        if (type == NetlinkBuffer.MessageDone)
        {
            return true;
        }

        if (type == NetlinkBuffer.MessageError)
        {
            var error = NetlinkBuffer.ReadError(buffer, payload, length, Source);
            if (error != 0)
            {
                throw ListenerErrors.SystemCallFailed("netlink route dump", error);
            }

            return true;
        }

        return false;
    }

    private static byte[] Build(int type, int payloadLength, uint sequence)
    {
        var buffer = new byte[NetlinkBuffer.HeaderLength + payloadLength];
        NetlinkBuffer.WriteHeader(buffer, type, NetlinkBuffer.FlagRequest | NetlinkBuffer.FlagDump, sequence);
        return buffer; // family AF_UNSPEC: every link, every address family
    }

    internal readonly struct LinkRecord
    {
        public LinkRecord(int index, string name, uint flags, int mtu)
        {
            Index = index;
            Name = name;
            Flags = flags;
            Mtu = mtu;
        }

        public int Index { get; }

        public string Name { get; }

        public uint Flags { get; }

        public int Mtu { get; }
    }

    internal readonly struct AddressRecord
    {
        public AddressRecord(int index, IPAddress address, int prefixLength)
        {
            Index = index;
            Address = address;
            PrefixLength = prefixLength;
        }

        public int Index { get; }

        public IPAddress Address { get; }

        public int PrefixLength { get; }
    }
}
