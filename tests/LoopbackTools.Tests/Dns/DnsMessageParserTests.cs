using System.Net;
using LoopbackTools.Dns;

namespace LoopbackTools.Tests.Dns;

/// <summary>Wire-format validation: every malformed response is rejected with a reason, never trusted or crashed on.</summary>
public sealed class DnsMessageParserTests
{
    private const ushort Id = 0xBEEF;
    private const ushort A = 1;
    private const ushort Aaaa = 28;

    private static DnsResponse Parse(byte[] message, string name = "localhost", DnsRecordType type = DnsRecordType.A) =>
        DnsMessageParser.Parse(message, Id, name, type);

    private static string Rejected(byte[] message, string name = "localhost", DnsRecordType type = DnsRecordType.A) =>
        Assert.Throws<DnsResponseException>(() => Parse(message, name, type)).Reason;

    [Fact]
    public void Reads_a_and_aaaa_answers_with_compressed_owner_names()
    {
        var v4 = Parse(DnsTestMessage.Answer(Id, "localhost", A, IPAddress.Parse("127.0.0.1"), IPAddress.Parse("203.0.113.7")));
        Assert.Equal(new[] { IPAddress.Parse("127.0.0.1"), IPAddress.Parse("203.0.113.7") }, v4.Addresses);
        Assert.Equal(DnsResponseCode.NoError, v4.ResponseCode);
        Assert.False(v4.Truncated);

        var v6 = Parse(DnsTestMessage.Answer(Id, "localhost", Aaaa, IPAddress.IPv6Loopback), type: DnsRecordType.Aaaa);
        Assert.Equal(new[] { IPAddress.IPv6Loopback }, v6.Addresses);
    }

    [Fact]
    public void Question_name_is_compared_case_insensitively_and_a_trailing_dot_is_ignored()
    {
        var response = Parse(DnsTestMessage.Answer(Id, "LocalHost", A, IPAddress.Loopback), name: "localhost.");
        Assert.Equal(new[] { IPAddress.Loopback }, response.Addresses);
    }

    [Theory]
    [InlineData(2, DnsResponseCode.ServFail)]
    [InlineData(3, DnsResponseCode.NXDomain)]
    [InlineData(5, DnsResponseCode.Refused)]
    public void Maps_the_rcode(int rcode, DnsResponseCode expected)
    {
        var message = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(rcode), 1, 0).Name("localhost").U16(A).U16(1).ToArray();
        var response = Parse(message);
        Assert.Equal(expected, response.ResponseCode);
        Assert.Empty(response.Addresses);
    }

    [Fact]
    public void Follows_a_cname_chain_and_ignores_records_for_other_names()
    {
        var m = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 3).Name("app.localhost").U16(A).U16(1);
        // app.localhost CNAME target.test
        m.Pointer(12).U16(5).U16(1).U32(60).U16(13);
        var target = m.Length;
        m.Name("target.test");
        // unrelated.test A 198.51.100.1 (not in the chain: must not be taken)
        m.Name("unrelated.test").U16(A).U16(1).U32(60).U16(4).Raw(198, 51, 100, 1);
        // target.test A 127.0.0.9, owner compressed to the CNAME target
        m.Pointer(target).U16(A).U16(1).U32(60).U16(4).Raw(127, 0, 0, 9);
        var response = Parse(m.ToArray(), "app.localhost");
        Assert.Equal(new[] { IPAddress.Parse("127.0.0.9") }, response.Addresses);
        Assert.Equal(3, response.AnswerCount);
    }

    [Fact]
    public void Truncated_response_is_flagged_and_its_answers_are_not_read()
    {
        // A TC answer may end mid-record; the header claims 5 answers but carries none.
        var message = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(truncated: true), 1, 5).Name("localhost").U16(A).U16(1).ToArray();
        var response = Parse(message);
        Assert.True(response.Truncated);
        Assert.Empty(response.Addresses);
    }

    [Fact]
    public void Mismatched_id_is_rejected()
    {
        var reason = Rejected(DnsTestMessage.Answer(0x1111, "localhost", A, IPAddress.Loopback));
        Assert.Contains("ID", reason, StringComparison.Ordinal);
        Assert.Equal((ushort)0x1111, DnsMessageParser.ReadId(DnsTestMessage.Answer(0x1111, "localhost", A)));
        Assert.Null(DnsMessageParser.ReadId(new byte[] { 1 }));
    }

    [Fact]
    public void A_query_echoed_back_is_not_a_response()
    {
        var message = DnsTestMessage.Header(Id, 0x0100, 1, 0).Name("localhost").U16(A).U16(1).ToArray();
        Assert.Contains("QR", Rejected(message), StringComparison.Ordinal);
    }

    [Fact]
    public void Non_query_opcode_is_rejected()
    {
        var message = DnsTestMessage.Header(Id, 0x8000 | (4 << 11), 1, 0).Name("localhost").U16(A).U16(1).ToArray();
        Assert.Contains("opcode", Rejected(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("other.test", A, 1)]
    [InlineData("localhost", Aaaa, 1)]
    [InlineData("localhost", A, 3)]
    public void Answer_to_a_different_question_is_rejected(string name, ushort type, ushort cls)
    {
        var message = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 0).Name(name).U16(type).U16(cls).ToArray();
        Assert.Contains("different question", Rejected(message), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_question_is_rejected_unless_it_is_a_bare_error()
    {
        var noError = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 0, 0).ToArray();
        Assert.Contains("questions", Rejected(noError), StringComparison.Ordinal);

        var withData = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(5), 0, 1).Name("localhost").U16(A).U16(1).U32(60).U16(4).Raw(203, 0, 113, 7).ToArray();
        Assert.Contains("questions", Rejected(withData), StringComparison.Ordinal);

        // A REFUSED without the question echoed carries nothing to trust: accepted as the refusal it is.
        var bare = Parse(DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(5), 0, 0).ToArray());
        Assert.Equal(DnsResponseCode.Refused, bare.ResponseCode);
        Assert.Empty(bare.Addresses);
    }

    [Fact]
    public void Every_truncation_of_a_valid_response_is_rejected_cleanly()
    {
        var full = DnsTestMessage.Answer(Id, "localhost", A, IPAddress.Loopback, IPAddress.Parse("127.0.0.2"));
        for (var length = 0; length < full.Length; length++)
        {
            var cut = full.AsSpan(0, length).ToArray();
            var reason = Rejected(cut);
            Assert.False(string.IsNullOrEmpty(reason));
        }
    }

    [Fact]
    public void Compression_pointer_to_itself_is_rejected()
    {
        var message = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 0).Pointer(12).U16(A).U16(1).ToArray();
        Assert.Contains("points forward or to itself", Rejected(message), StringComparison.Ordinal);
    }

    [Fact]
    public void Compression_loop_between_two_pointers_is_rejected()
    {
        // Answer owner at offset 27 points to 29, which points back to 27: the forward hop is refused.
        var m = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 1).Name("localhost").U16(A).U16(1);
        Assert.Equal(27, m.Length);
        m.Pointer(29).Pointer(27).U16(A).U16(1).U32(60).U16(4).Raw(127, 0, 0, 1);
        Assert.Contains("points forward", Rejected(m.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Name_longer_than_255_octets_is_rejected_even_when_built_from_backward_pointers()
    {
        // Each answer owner adds a 63-byte label in front of the previous one: legal pointers, illegal length.
        var m = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 5).Name("localhost").U16(A).U16(1);
        var previous = 12;
        for (var i = 0; i < 5; i++)
        {
            var here = m.Length;
            m.Raw(63).Raw(Enumerable.Repeat((byte)'x', 63).ToArray()).Pointer(previous).U16(16).U16(1).U32(60).U16(0);
            previous = here;
        }

        Assert.Contains("longer than 255", Rejected(m.ToArray()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0x40)]
    [InlineData(0x80)]
    public void Reserved_label_types_are_rejected(byte labelType)
    {
        var message = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 0).Raw(labelType, 0).U16(A).U16(1).ToArray();
        Assert.Contains("label type", Rejected(message), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(A, 5)]
    [InlineData(A, 16)]
    [InlineData(Aaaa, 4)]
    public void Address_record_with_the_wrong_rdlength_is_rejected(ushort type, int length)
    {
        var m = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 1).Name("localhost").U16(type).U16(1);
        m.Pointer(12).U16(type).U16(1).U32(60).U16(length).Raw(new byte[length]);
        var reason = Rejected(m.ToArray(), type: type == A ? DnsRecordType.A : DnsRecordType.Aaaa);
        Assert.Contains("rdlength", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rdlength_past_the_end_is_rejected()
    {
        var m = DnsTestMessage.Header(Id, DnsTestMessage.ResponseFlags(), 1, 1).Name("localhost").U16(A).U16(1);
        m.Pointer(12).U16(16).U16(1).U32(60).U16(200).Raw(1, 2, 3);
        Assert.Contains("past the end", Rejected(m.ToArray()), StringComparison.Ordinal);
    }

    [Fact]
    public void Random_corruption_never_escapes_as_anything_but_a_rejection()
    {
        var valid = DnsTestMessage.Answer(Id, "localhost", Aaaa, IPAddress.IPv6Loopback, IPAddress.Parse("2001:db8::7"));
        var random = new Random(4711);
        var rejected = 0;
        for (var round = 0; round < 20_000; round++)
        {
            var message = (byte[])valid.Clone();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                message[random.Next(message.Length)] = (byte)random.Next(256);
            }

            try
            {
                var response = Parse(message, type: DnsRecordType.Aaaa);
                Assert.All(response.Addresses, a => Assert.Equal(16, a.GetAddressBytes().Length));
            }
            catch (DnsResponseException e)
            {
                Assert.False(string.IsNullOrEmpty(e.Reason));
                rejected++;
            }
        }

        Assert.True(rejected > 0);
    }
}
