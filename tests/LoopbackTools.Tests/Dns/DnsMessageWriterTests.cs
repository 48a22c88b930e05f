using LoopbackTools.Diagnostics;
using LoopbackTools.Dns;

namespace LoopbackTools.Tests.Dns;

public sealed class DnsMessageWriterTests
{
    [Fact]
    public void Writes_the_rfc_1035_query_layout()
    {
        var query = DnsMessageWriter.WriteQuery(0x1234, "app.localhost.", DnsRecordType.Aaaa);
        var expected = new byte[] { 0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 3, (byte)'a', (byte)'p', (byte)'p', 9 }
            .Concat("localhost"u8.ToArray()).Concat(new byte[] { 0, 0, 28, 0, 1 });
        Assert.Equal(expected, query);
    }

    [Fact]
    public void Tcp_framing_prefixes_the_big_endian_length()
    {
        var framed = DnsMessageWriter.WithTcpLengthPrefix(new byte[300]);
        Assert.Equal(302, framed.Length);
        Assert.Equal(new byte[] { 1, 44 }, framed[..2]);
    }

    [Fact]
    public void International_names_are_sent_as_punycode()
    {
        var query = DnsMessageWriter.WriteQuery(1, "bücher.localhost", DnsRecordType.A);
        Assert.Contains("xn--bcher-kva", System.Text.Encoding.ASCII.GetString(query), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("a..b")]
    [InlineData("has space.test")]
    public void Names_that_cannot_be_asked_give_dns_invalid_name(string name)
    {
        var e = Assert.Throws<LoopbackToolsException>(() => DnsMessageWriter.WriteQuery(1, name, DnsRecordType.A));
        Assert.Equal("Dns.InvalidName", e.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, e.Kind);
    }

    [Fact]
    public void Over_long_labels_and_names_are_refused()
    {
        Assert.Equal("Dns.InvalidName", Assert.Throws<LoopbackToolsException>(() => DnsMessageWriter.WriteQuery(1, new string('a', 64) + ".test", DnsRecordType.A)).ErrorId);
        var longName = string.Join('.', Enumerable.Repeat(new string('a', 60), 5));
        Assert.Equal("Dns.InvalidName", Assert.Throws<LoopbackToolsException>(() => DnsMessageWriter.WriteQuery(1, longName, DnsRecordType.A)).ErrorId);
    }
}
