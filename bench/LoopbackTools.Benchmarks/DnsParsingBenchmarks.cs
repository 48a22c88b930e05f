using BenchmarkDotNet.Attributes;
using LoopbackTools.Dns;

namespace LoopbackTools.Benchmarks;

/// <summary>
/// Validating and parsing DNS responses as the stub client receives them: an A answer with one record, and an
/// AAAA answer with a CNAME chain and several records (RFC 1035 wire format, names compressed with pointers).
/// </summary>
[MemoryDiagnoser]
public class DnsParsingBenchmarks
{
    private const ushort Id = 0x4242;
    private const string Name = "good.test";
    private byte[] _single = Array.Empty<byte>();
    private byte[] _chain = Array.Empty<byte>();

    [GlobalSetup]
    public void Setup()
    {
        _single = Response(DnsRecordType.A, cnames: 0, addresses: 1);
        _chain = Response(DnsRecordType.Aaaa, cnames: 2, addresses: 4);
    }

    [Benchmark]
    public int SingleA() => DnsMessageParser.Parse(_single, Id, Name, DnsRecordType.A).Addresses.Length;

    [Benchmark]
    public int CNameChainAAAA() => DnsMessageParser.Parse(_chain, Id, Name, DnsRecordType.Aaaa).Addresses.Length;

    /// <summary>The query echoed with QR/RA set, then CNAME records (each pointing at the next name) and address records.</summary>
    private static byte[] Response(DnsRecordType type, int cnames, int addresses)
    {
        var message = new List<byte>(DnsMessageWriter.WriteQuery(Id, Name, type));
        message[2] |= 0x80; // QR
        message[3] |= 0x80; // RA
        message[7] = (byte)(cnames + addresses); // ANCOUNT (low byte)
        var owner = 12; // the question's name: a pointer target
        for (var i = 0; i < cnames; i++)
        {
            var target = message.Count + 12; // the alias written as this record's data
            var alias = new byte[] { 5, (byte)'a', (byte)'l', (byte)'i', (byte)'a', (byte)('0' + i), 0xC0, 12 };
            Record(message, owner, 5, alias);
            owner = target;
        }

        var length = type == DnsRecordType.A ? 4 : 16;
        for (var i = 0; i < addresses; i++)
        {
            var address = new byte[length];
            address[0] = (byte)(type == DnsRecordType.A ? 127 : 0x20);
            address[length - 1] = (byte)(i + 1);
            Record(message, owner, (ushort)type, address);
        }

        return message.ToArray();
    }

    private static void Record(List<byte> message, int ownerPointer, ushort type, byte[] data)
    {
        message.AddRange(new[] { (byte)(0xC0 | (ownerPointer >> 8)), (byte)ownerPointer, (byte)(type >> 8), (byte)type, (byte)0, (byte)1, (byte)0, (byte)0, (byte)0x0E, (byte)0x10, (byte)(data.Length >> 8), (byte)data.Length });
        message.AddRange(data);
    }
}
