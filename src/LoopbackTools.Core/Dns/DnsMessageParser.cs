using System.Collections.Generic;
using System.Globalization;
using System.Net;

namespace LoopbackTools.Dns;

/// <summary>
/// Validates a response against the query it answers (RFC 1035 4.1, RFC 5452 3): ID, QR, opcode, the echoed
/// question, and every length and pointer. Anything wrong raises <see cref="DnsResponseException"/> with the reason.
/// </summary>
public static class DnsMessageParser
{
    public const int HeaderLength = 12;
    private const ushort TypeCName = 5;

    /// <summary>The message ID, or null when the message is too short to carry one.</summary>
    public static ushort? ReadId(byte[] message) =>
        message is null || message.Length < 2 ? null : (ushort)((message[0] << 8) | message[1]);

    public static DnsResponse Parse(byte[] message, ushort expectedId, string expectedName, DnsRecordType expectedType)
    {
        if (message is null || message.Length < HeaderLength)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "response of {0} bytes is shorter than the 12-byte header", message?.Length ?? 0));
        }

        var reader = new DnsWireReader(message);
        var id = reader.ReadUInt16("header");
        var flags = reader.ReadUInt16("header");
        var questions = reader.ReadUInt16("header");
        var answers = reader.ReadUInt16("header");
        var authorities = reader.ReadUInt16("header");
        var additionals = reader.ReadUInt16("header");

        if (id != expectedId)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "response ID {0} does not match query ID {1}", id, expectedId));
        }

        if ((flags & 0x8000) == 0)
        {
            throw new DnsResponseException("QR bit is 0: the message is a query, not a response");
        }

        var opcode = (flags >> 11) & 0xF;
        if (opcode != 0)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "opcode {0} in the response; a standard query (0) was sent", opcode));
        }

        var rcode = (DnsResponseCode)(flags & 0xF);
        if (questions == 0 && rcode != DnsResponseCode.NoError && answers == 0)
        {
            // Some servers refuse without echoing the question; such a reply carries no data to trust.
            return new DnsResponse(id, rcode, false, (flags & 0x0400) != 0, (flags & 0x0080) != 0, 0, System.Array.Empty<IPAddress>());
        }

        if (questions != 1)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "response carries {0} questions instead of echoing the one asked", questions));
        }

        var name = DnsName.Normalize(expectedName);
        var questionName = reader.ReadName("question");
        var questionType = reader.ReadUInt16("question type");
        var questionClass = reader.ReadUInt16("question class");
        if (!DnsName.AreEqual(questionName, name) || questionType != (ushort)expectedType || questionClass != DnsMessageWriter.ClassInternet)
        {
            throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "response answers a different question ({0} type {1} class {2}) than asked ({3} type {4})", questionName, questionType, questionClass, name, (ushort)expectedType));
        }

        var truncated = (flags & 0x0200) != 0;
        var authoritative = (flags & 0x0400) != 0;
        var recursionAvailable = (flags & 0x0080) != 0;
        var addresses = truncated ? System.Array.Empty<IPAddress>() : ReadAnswers(reader, answers, name, expectedType);
        if (!truncated)
        {
            SkipRecords(reader, authorities + additionals);
        }

        return new DnsResponse(id, rcode, truncated, authoritative, recursionAvailable, answers, addresses);
    }

    private static IPAddress[] ReadAnswers(DnsWireReader reader, int count, string name, DnsRecordType type)
    {
        // Owners we accept: the name asked and each CNAME target reached from it, in answer order.
        var owners = new List<string> { name };
        var addresses = new List<IPAddress>();
        for (var i = 0; i < count; i++)
        {
            var what = string.Format(CultureInfo.InvariantCulture, "answer {0}", i + 1);
            var owner = reader.ReadName(what);
            var recordType = reader.ReadUInt16(what);
            var recordClass = reader.ReadUInt16(what);
            reader.ReadUInt32(what); // TTL: not needed for a one-shot check
            var length = reader.ReadUInt16(what);
            var end = reader.Position + length;
            if (end > reader.Length)
            {
                throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "{0}: rdlength {1} runs past the end of the message", what, length));
            }

            var ours = recordClass == DnsMessageWriter.ClassInternet && owners.Exists(o => DnsName.AreEqual(o, owner));
            if (ours && recordType == (ushort)type)
            {
                var expected = type == DnsRecordType.A ? 4 : 16;
                if (length != expected)
                {
                    throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "{0}: {1} record with rdlength {2} instead of {3}", what, type, length, expected));
                }

                addresses.Add(new IPAddress(reader.ReadBytes(length, what)));
            }
            else if (ours && recordType == TypeCName)
            {
                owners.Add(reader.ReadName(what + " CNAME target"));
                if (reader.Position != end)
                {
                    throw new DnsResponseException(string.Format(CultureInfo.InvariantCulture, "{0}: CNAME rdlength {1} does not match its name", what, length));
                }
            }
            else
            {
                reader.Skip(length, what);
            }
        }

        return addresses.ToArray();
    }

    private static void SkipRecords(DnsWireReader reader, int count)
    {
        for (var i = 0; i < count; i++)
        {
            var what = string.Format(CultureInfo.InvariantCulture, "authority/additional record {0}", i + 1);
            reader.ReadName(what);
            reader.Skip(8, what); // type, class, TTL
            reader.Skip(reader.ReadUInt16(what), what);
        }
    }
}
