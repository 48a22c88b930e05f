using System;
using System.Collections.Generic;
using System.Text;

namespace LoopbackTools.Dns;

/// <summary>Builds query messages (RFC 1035 4.1) as plain byte arrays.</summary>
public static class DnsMessageWriter
{
    public const ushort ClassInternet = 1;

    /// <summary>One question, no compression, RD as asked; <paramref name="name"/> is normalized first.</summary>
    public static byte[] WriteQuery(ushort id, string name, DnsRecordType type, bool recursionDesired = true)
    {
        var ascii = DnsName.Normalize(name);
        var message = new List<byte>(12 + ascii.Length + 2 + 4)
        {
            (byte)(id >> 8), (byte)id,
            recursionDesired ? (byte)0x01 : (byte)0x00, 0x00, // QR=0, opcode QUERY, RD; no flags in the second byte
            0, 1, // QDCOUNT
            0, 0, 0, 0, 0, 0, // AN, NS, AR
        };
        foreach (var label in ascii.Split('.'))
        {
            message.Add((byte)label.Length);
            message.AddRange(Encoding.ASCII.GetBytes(label));
        }

        message.Add(0);
        var code = (ushort)type;
        message.Add((byte)(code >> 8));
        message.Add((byte)code);
        message.Add(ClassInternet >> 8);
        message.Add(ClassInternet & 0xff);
        return message.ToArray();
    }

    /// <summary>The two-byte big-endian length prefix DNS over TCP puts before every message (RFC 1035 4.2.2).</summary>
    public static byte[] WithTcpLengthPrefix(byte[] message)
    {
        if (message is null)
        {
            throw new ArgumentNullException(nameof(message));
        }

        if (message.Length > ushort.MaxValue)
        {
            throw new ArgumentException("A DNS message is at most 65535 bytes.", nameof(message));
        }

        var framed = new byte[message.Length + 2];
        framed[0] = (byte)(message.Length >> 8);
        framed[1] = (byte)message.Length;
        Buffer.BlockCopy(message, 0, framed, 2, message.Length);
        return framed;
    }
}
