using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>Every fixture comes back byte for byte: the document loses nothing it read.</summary>
public sealed class HostsRoundTripTests
{
    public static TheoryData<string> Fixtures => HostsFixtures.All();

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void ToBytes_reproduces_the_file_exactly(string fixture)
    {
        var original = File.ReadAllBytes(HostsFixtures.PathOf(fixture));
        Assert.Equal(original, HostsFixtures.Load(fixture).ToBytes());
        Assert.Equal(original, HostsDocument.Parse(original, fixture).ToBytes());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Lines_written_one_by_one_after_the_preamble_rebuild_the_file(string fixture)
    {
        var original = File.ReadAllBytes(HostsFixtures.PathOf(fixture));
        var document = HostsDocument.Parse(original, fixture);
        using var output = new MemoryStream();
        foreach (var line in document.Lines)
        {
            document.WriteLine(line.LineNumber, output);
        }

        var preambleLength = original.Length - (int)output.Length;
        Assert.InRange(preambleLength, 0, 3);
        Assert.Equal(original.Skip(preambleLength), output.ToArray());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Line_texts_and_endings_are_the_decoded_file(string fixture)
    {
        var document = HostsFixtures.Load(fixture);
        var rebuilt = string.Concat(document.Lines.Select(l => l.Text + HostsDocument.EndingText(l.Ending)));
        var text = File.ReadAllText(HostsFixtures.PathOf(fixture));
        Assert.Equal(text, rebuilt);
    }

    [Fact]
    public void Parsing_text_keeps_it_as_utf8()
    {
        var document = HostsDocument.Parse("127.0.0.1 caf\u00e9.test\r\n", "memory");
        Assert.Equal(HostsEncoding.Utf8, document.Encoding);
        Assert.Equal("127.0.0.1 caf\u00e9.test\r\n"u8.ToArray(), document.ToBytes());
        Assert.Equal("caf\u00e9.test", document.Entries[0].HostName);
    }
}
