using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// A deliberately tiny, independent DNS client used only to check that fixtures are ready and that
/// dnsmasq answers as configured; it shares no code with Core/Dns, so it can judge that code.
/// </summary>
public static class RawDnsQuery
{
    public const ushort TypeA = 1;
    public const ushort TypeAaaa = 28;

    /// <summary>Sends one UDP query and returns (rcode, addresses in the answer section).</summary>
    public static (int Rcode, IReadOnlyList<IPAddress> Addresses) Udp(IPEndPoint server, string name, ushort type, int timeoutMs = 1000)
    {
        using var socket = new Socket(server.AddressFamily, SocketType.Dgram, ProtocolType.Udp) { ReceiveTimeout = timeoutMs };
        var query = Build(name, type, 0x1234);
        socket.SendTo(query, server);
        var buffer = new byte[4096];
        var n = socket.Receive(buffer);
        return Parse(buffer.AsSpan(0, n).ToArray(), type);
    }

    public static byte[] Build(string name, ushort type, ushort id)
    {
        var bytes = new List<byte> { (byte)(id >> 8), (byte)id, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0 };
        foreach (var label in name.TrimEnd('.').Split('.'))
        {
            bytes.Add((byte)label.Length);
            bytes.AddRange(System.Text.Encoding.ASCII.GetBytes(label));
        }

        bytes.AddRange(new byte[] { 0, (byte)(type >> 8), (byte)type, 0, 1 });
        return bytes.ToArray();
    }

    private static (int, IReadOnlyList<IPAddress>) Parse(byte[] m, ushort type)
    {
        var rcode = m[3] & 0x0f;
        var answers = (m[6] << 8) | m[7];
        var i = 12;
        i = SkipName(m, i) + 4; // question
        var result = new List<IPAddress>();
        for (var a = 0; a < answers; a++)
        {
            i = SkipName(m, i);
            var rtype = (m[i] << 8) | m[i + 1];
            var rdlength = (m[i + 8] << 8) | m[i + 9];
            i += 10;
            if (rtype == type)
            {
                result.Add(new IPAddress(m.AsSpan(i, rdlength)));
            }

            i += rdlength;
        }

        return (rcode, result);
    }

    private static int SkipName(byte[] m, int i)
    {
        while (m[i] != 0)
        {
            if ((m[i] & 0xc0) == 0xc0)
            {
                return i + 2;
            }

            i += m[i] + 1;
        }

        return i + 1;
    }
}
