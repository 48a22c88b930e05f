using System.Net;
using System.Text;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// Builds response bytes by hand, field by field, so tests can lay out exactly the malformed messages
/// they need. Independent of DnsClient on purpose.
/// </summary>
public sealed class DnsTestMessage
{
    private readonly List<byte> _bytes = new();

    public static DnsTestMessage Header(ushort id, ushort flags, ushort questions, ushort answers, ushort authorities = 0, ushort additionals = 0)
    {
        var m = new DnsTestMessage();
        return m.U16(id).U16(flags).U16(questions).U16(answers).U16(authorities).U16(additionals);
    }

    /// <summary>QR, RD, RA set, opcode 0, the given RCODE.</summary>
    public static ushort ResponseFlags(int rcode = 0, bool truncated = false) => (ushort)(0x8180 | (truncated ? 0x0200 : 0) | rcode);

    /// <summary>A complete well-formed response: the question echoed, then one record per address (owner compressed to offset 12).</summary>
    public static byte[] Answer(ushort id, string name, ushort type, params IPAddress[] addresses)
    {
        var m = Header(id, ResponseFlags(), 1, (ushort)addresses.Length).Name(name).U16(type).U16(1);
        foreach (var a in addresses)
        {
            m.Pointer(12).U16(type).U16(1).U32(60).U16((ushort)a.GetAddressBytes().Length).Raw(a.GetAddressBytes());
        }

        return m.ToArray();
    }

    /// <summary>Echo of the query's header and question with QR set and the given RCODE (how a server refuses).</summary>
    public static byte[] Reply(byte[] query, int rcode, bool truncated = false)
    {
        var reply = (byte[])query.Clone();
        var flags = ResponseFlags(rcode, truncated);
        reply[2] = (byte)(flags >> 8);
        reply[3] = (byte)flags;
        return reply;
    }

    /// <summary>A positive answer to <paramref name="query"/>: its question echoed, one record per address of the asked type.</summary>
    public static byte[] AnswerTo(byte[] query, params IPAddress[] addresses)
    {
        var type = (ushort)((query[^4] << 8) | query[^3]);
        var m = new DnsTestMessage().Raw(Reply(query, 0));
        m._bytes[7] = (byte)addresses.Length;
        foreach (var a in addresses)
        {
            m.Pointer(12).U16(type).U16(1).U32(60).U16((ushort)a.GetAddressBytes().Length).Raw(a.GetAddressBytes());
        }

        return m.ToArray();
    }

    /// <summary>The query with its ID changed, for spoofed or stale replies.</summary>
    public static byte[] WithId(byte[] message, ushort id)
    {
        var copy = (byte[])message.Clone();
        copy[0] = (byte)(id >> 8);
        copy[1] = (byte)id;
        return copy;
    }

    public static ushort IdOf(byte[] message) => (ushort)((message[0] << 8) | message[1]);

    public int Length => _bytes.Count;

    public DnsTestMessage U16(int v)
    {
        _bytes.Add((byte)(v >> 8));
        _bytes.Add((byte)v);
        return this;
    }

    public DnsTestMessage U32(uint v) => U16((int)(v >> 16)).U16((int)(v & 0xffff));

    public DnsTestMessage Raw(params byte[] bytes)
    {
        _bytes.AddRange(bytes);
        return this;
    }

    /// <summary>Uncompressed labels and the root byte.</summary>
    public DnsTestMessage Name(string name)
    {
        foreach (var label in name.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            _bytes.Add((byte)label.Length);
            _bytes.AddRange(Encoding.ASCII.GetBytes(label));
        }

        _bytes.Add(0);
        return this;
    }

    public DnsTestMessage Pointer(int offset) => Raw((byte)(0xC0 | (offset >> 8)), (byte)offset);

    public byte[] ToArray() => _bytes.ToArray();
}
