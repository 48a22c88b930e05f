using LoopbackTools.Formatting;

namespace LoopbackTools.Tests.Formatting;

public sealed class TextWrapTests
{
    private const string Finding = "the OS resolver returns only IPv4 (127.0.0.1) for localhost: clients asking for IPv6 get no ::1 and may fall through to DNS - add '::1 localhost' to the hosts file";

    [Theory]
    [InlineData(40)]
    [InlineData(79)]
    [InlineData(119)]
    public void Wraps_at_spaces_within_the_width_and_keeps_every_word(int width)
    {
        var lines = TextWrap.Wrap(Finding, width, "Warn  ", "      ").Split('\n');

        Assert.All(lines, l => Assert.True(l.Length <= width, $"'{l}' is {l.Length} wide"));
        Assert.Equal("Warn  " + Finding, string.Join(" ", lines.Select(l => l.Trim())));
        Assert.All(lines.Skip(1), l => Assert.StartsWith("      ", l, StringComparison.Ordinal));
    }

    [Fact]
    public void Fills_each_line_as_far_as_the_next_word_allows()
    {
        Assert.Equal("aaa bbb\nccc", TextWrap.Wrap("aaa bbb ccc", 7, string.Empty, string.Empty));
        Assert.Equal("aaa\nbbb\nccc", TextWrap.Wrap("aaa bbb ccc", 6, string.Empty, string.Empty));
    }

    [Fact]
    public void Keeps_a_word_longer_than_the_line_whole_on_its_own_line()
    {
        Assert.Equal("  a\n  0123456789\n  b", TextWrap.Wrap("a 0123456789 b", 8, "  ", "  "));
    }

    [Fact]
    public void Indent_uses_the_view_width_and_collapses_runs_of_spaces()
    {
        var wrapped = TextWrap.Indent(Finding + "  " + Finding, 6).Split('\n');
        Assert.All(wrapped, l => Assert.InRange(l.Length, 7, TextWrap.ViewWidth));
        Assert.Equal(string.Empty, TextWrap.Wrap(null, 10, null, null));
    }

    [Fact]
    public void An_entry_keeps_its_columns_and_puts_the_finding_under_them()
    {
        var lines = TextWrap.Entry("Fail  DnsServer  ", "localhost 127.0.0.1:53: 203.0.113.7, 2001:db8::7", Finding).Split('\n');

        Assert.Equal("Fail  DnsServer  localhost 127.0.0.1:53: 203.0.113.7, 2001:db8::7", lines[0]);
        Assert.StartsWith("      the OS resolver", lines[1], StringComparison.Ordinal);
        Assert.Equal(new[] { "Pass  web 8080/tcp ->", "        127.0.0.1:18080" }, TextWrap.Wrap("web 8080/tcp -> 127.0.0.1:18080", 26, "Pass  ", "        ").Split('\n'));
        Assert.All(lines, l => Assert.True(l.Length <= TextWrap.ViewWidth, l));
    }
}
