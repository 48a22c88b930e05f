using System.Text;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// HostsOsReading names the line glibc skips or reads differently, why, and the fix; each case's glibc behaviour
/// is the one GlibcHostsDifferentialTests measures on the real glibc.
/// </summary>
public sealed class HostsOsReadingTests
{
    [Theory]
    [InlineData("\uFEFF127.0.0.1 app.test\n::1 other.test\n", "app.test", 1, HostsReadingKind.Skipped, "byte-order mark", "without a byte-order mark")]
    [InlineData("::1 a.test\r127.0.0.2 app.test\n", "app.test", 2, HostsReadingKind.ReadDifferently, "lone CR", "line endings")]
    [InlineData("# note\r127.0.0.2 app.test\n", "app.test", 2, HostsReadingKind.Skipped, "skips it with line 1", "line endings")]
    [InlineData("fe80::1%lo app.test\n", "app.test", 1, HostsReadingKind.Skipped, "zone index", "without the zone index")]
    [InlineData("[::1] app.test\n", "app.test", 1, HostsReadingKind.Skipped, "brackets", "without brackets")]
    [InlineData("127.000.0.1 app.test\n", "app.test", 1, HostsReadingKind.Skipped, "leading zero", "without leading zeros")]
    [InlineData("127.0.0.1 app.test.\n", "app.test", 1, HostsReadingKind.Skipped, "byte for byte", "without the final dot")]
    [InlineData("127.0.0.1 x\n  127.0.0.2 app.test", "app.test", 2, HostsReadingKind.ReadDifferently, "reads the name 'app.testst'", "end the file with a newline")]
    [InlineData("127.0.0.1 app.test bad!name\n", "app.test", 1, HostsReadingKind.ReadByOsOnly, "looks malformed", "the OS resolver uses it")]
    public void The_line_glibc_reads_otherwise_is_named_with_the_reason_and_the_fix(string text, string name, int line, HostsReadingKind kind, string reason, string remedy)
    {
        var document = HostsDocument.Parse(Encoding.UTF8.GetBytes(text), "hosts");

        var difference = Assert.Single(HostsOsReading.Compare(document, name));

        Assert.Equal(line, difference.LineNumber);
        Assert.Equal(kind, difference.Kind);
        Assert.Contains(reason, difference.Reason, StringComparison.Ordinal);
        Assert.Contains(remedy, difference.Remedy, StringComparison.Ordinal);
        Assert.StartsWith($"line {line} ", difference.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_looks_malformed_only_after_a_NUL_byte_is_still_read_by_glibc()
    {
        var document = HostsDocument.Parse(Encoding.ASCII.GetBytes("127.0.0.1 other.test\n127.0.0.1 app.test \0junk!\n"), "hosts");

        var difference = Assert.Single(HostsOsReading.Compare(document, "app.test"));

        Assert.Equal(2, difference.LineNumber);
        Assert.Equal(HostsReadingKind.ReadByOsOnly, difference.Kind);
        Assert.Contains("glibc reads it as 127.0.0.1 app.test", difference.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_line_of_a_UTF16_file_is_skipped()
    {
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("127.0.0.1 app.test\n::1 app.test\n")).ToArray();

        var differences = HostsOsReading.Compare(HostsDocument.Parse(bytes, "hosts"), "app.test");

        Assert.Equal(new[] { 1, 2 }, differences.Select(d => d.LineNumber));
        Assert.All(differences, d => Assert.Contains("UTF-16", d.Reason, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("127.0.0.1 localhost\n::1 localhost ip6-localhost\n")]
    [InlineData("127.0.0.1\tapp.test   www.app.test # comment\r\n::1 app.test\r\n")]
    [InlineData("  127.0.0.1 app.test\n\v::ffff:127.0.0.2 APP.test\n# 127.0.0.3 app.test\n")]
    public void A_file_glibc_reads_as_it_looks_has_no_difference(string text)
    {
        var document = HostsDocument.Parse(Encoding.UTF8.GetBytes(text), "hosts");

        Assert.Empty(HostsOsReading.Compare(document));
        Assert.Empty(HostsOsReading.Compare(document, "app.test"));
    }
}
