using System;

namespace LoopbackTools.Listeners.Linux;

/// <summary>
/// Bounds-checked reads of netlink messages (struct nlmsghdr, linux/netlink.h) and their route attributes
/// (struct rtattr, linux/rtnetlink.h). All integers are host byte order except where a caller says otherwise.
/// Every length is checked against the buffer, so truncated or garbage input throws Listeners.MalformedTable.
/// </summary>
internal static class NetlinkBuffer
{
    public const int HeaderLength = 16;
    public const int MessageError = 2;
    public const int MessageDone = 3;
    public const int FlagRequest = 0x1;
    public const int FlagDump = 0x300;

    public static int Align(int length) => (length + 3) & ~3;

    public static uint ReadUInt32(byte[] buffer, int offset) =>
        BitConverter.IsLittleEndian
            ? (uint)(buffer[offset] | (buffer[offset + 1] << 8) | (buffer[offset + 2] << 16) | (buffer[offset + 3] << 24))
            : (uint)((buffer[offset] << 24) | (buffer[offset + 1] << 16) | (buffer[offset + 2] << 8) | buffer[offset + 3]);

    public static ushort ReadUInt16(byte[] buffer, int offset) =>
        BitConverter.IsLittleEndian
            ? (ushort)(buffer[offset] | (buffer[offset + 1] << 8))
            : (ushort)((buffer[offset] << 8) | buffer[offset + 1]);

    public static void WriteUInt32(byte[] buffer, int offset, uint value)
    {
        var bytes = BitConverter.GetBytes(value);
        Buffer.BlockCopy(bytes, 0, buffer, offset, 4);
    }

    public static void WriteUInt16(byte[] buffer, int offset, ushort value)
    {
        var bytes = BitConverter.GetBytes(value);
        Buffer.BlockCopy(bytes, 0, buffer, offset, 2);
    }

    /// <summary>Writes a request header; the caller fills the payload after <see cref="HeaderLength"/>.</summary>
    public static void WriteHeader(byte[] buffer, int type, int flags, uint sequence)
    {
        WriteUInt32(buffer, 0, (uint)buffer.Length);
        WriteUInt16(buffer, 4, (ushort)type);
        WriteUInt16(buffer, 6, (ushort)flags);
        WriteUInt32(buffer, 8, sequence);
        WriteUInt32(buffer, 12, 0);
    }

    /// <summary>
    /// Reads the message at <paramref name="offset"/> of a datagram of <paramref name="count"/> bytes.
    /// Returns false at the end of the datagram.
    /// </summary>
    public static bool TryReadMessage(byte[] buffer, int count, ref int offset, string source, out int type, out int payloadOffset, out int payloadLength)
    {
        type = 0;
        payloadOffset = 0;
        payloadLength = 0;
        if (offset >= count)
        {
            return false;
        }

        if (count - offset < HeaderLength)
        {
            throw ListenerErrors.Malformed(source, $"{count - offset} stray bytes where a message header was expected");
        }

        var length = (int)Math.Min(ReadUInt32(buffer, offset), int.MaxValue);
        if (length < HeaderLength || length > count - offset)
        {
            throw ListenerErrors.Malformed(source, $"message length {length} at offset {offset} does not fit the {count}-byte datagram");
        }

        type = ReadUInt16(buffer, offset + 4);
        payloadOffset = offset + HeaderLength;
        payloadLength = length - HeaderLength;
        offset += Math.Min(Align(length), count - offset);
        return true;
    }

    /// <summary>An NLMSG_ERROR payload (the kernel sends -errno): 0 is an acknowledgement, otherwise the errno.</summary>
    public static int ReadError(byte[] buffer, int payloadOffset, int payloadLength, string source)
    {
        if (payloadLength < 4)
        {
            throw ListenerErrors.Malformed(source, "truncated error message");
        }

        return -(int)ReadUInt32(buffer, payloadOffset);
    }

    /// <summary>Finds attribute <paramref name="wanted"/> among the rtattrs in [start, end); validates every attribute on the way.</summary>
    public static bool TryFindAttribute(byte[] buffer, int start, int end, int wanted, string source, out int valueOffset, out int valueLength)
    {
        valueOffset = 0;
        valueLength = 0;
        var found = false;
        var offset = start;
        while (end - offset >= 4)
        {
            int length = ReadUInt16(buffer, offset);
            var type = ReadUInt16(buffer, offset + 2) & 0x3fff; // strip NLA_F_NESTED / NLA_F_NET_BYTEORDER
            if (length < 4 || length > end - offset)
            {
                throw ListenerErrors.Malformed(source, $"attribute length {length} at offset {offset} overruns its message");
            }

            if (type == wanted && !found)
            {
                found = true;
                valueOffset = offset + 4;
                valueLength = length - 4;
            }

            offset += Align(length);
        }

        return found;
    }
}
