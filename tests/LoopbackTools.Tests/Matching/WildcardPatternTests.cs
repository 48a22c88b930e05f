using LoopbackTools.Matching;

namespace LoopbackTools.Tests.Matching;

/// <summary>The one wildcard engine (host, process and container names) follows PowerShell's WildcardPattern.</summary>
public sealed class WildcardPatternTests
{
    [Theory]
    [InlineData("localhost", "localhost", true)]
    [InlineData("LocalHost", "localhost", true)]
    [InlineData("*", "anything.test", true)]
    [InlineData("*", "", true)]
    [InlineData("*.test", "app.test", true)]
    [InlineData("*.test", ".test", true)]
    [InlineData("app.*", "app.example.org", true)]
    [InlineData("a*b*c", "aXXbYYc", true)]
    [InlineData("a*b*c", "abcbc", true)]
    [InlineData("?ocalhost", "localhost", true)]
    [InlineData("ip6-????????", "ip6-loopback", true)]
    [InlineData("*host*", "localhost.localdomain", true)]
    [InlineData("NG*", "nginx", true)]
    [InlineData("[mn]ginx", "nginx", true)]
    [InlineData("[a-m]ginx", "nginx", false)]
    [InlineData("[A-M]pp.test", "app.test", true)]
    [InlineData("app[0-9].test", "app7.test", true)]
    [InlineData("app[0-9].test", "appx.test", false)]
    [InlineData("ng`*nx", "ng*nx", true)]
    [InlineData("ng`*nx", "nginx", false)]
    [InlineData("`[x]", "[x]", true)]
    [InlineData("[`]]", "]", true)]
    [InlineData("a`?", "a?", true)]
    [InlineData("a`?", "ab", false)]
    [InlineData("localhost", "localhost.localdomain", false)]
    [InlineData("*.test", "test", false)]
    [InlineData("app.*", "app", false)]
    [InlineData("?", "", false)]
    [InlineData("?", "ab", false)]
    [InlineData("a*b*c", "aXXbYY", false)]
    [InlineData("[ab", "a", false)]
    [InlineData("nginx?", "nginx", false)]
    public void Matches_like_powershell(string pattern, string text, bool expected) =>
        Assert.Equal(expected, new WildcardPattern(pattern).IsMatch(text));

    [Theory]
    [InlineData("app.test", false)]
    [InlineData("app.*", true)]
    [InlineData("a?p", true)]
    [InlineData("[ab]", true)]
    [InlineData("a`*b", false)]
    public void Knows_when_a_pattern_has_wildcards(string pattern, bool expected) =>
        Assert.Equal(expected, WildcardPattern.ContainsWildcards(pattern));

    [Fact]
    public void A_null_text_matches_nothing() => Assert.False(new WildcardPattern("*").IsMatch(null));

    [Fact]
    public void Many_stars_against_a_long_name_finish_quickly_and_correctly()
    {
        var name = new string('a', 5000);
        Assert.False(new WildcardPattern("*a*a*a*a*a*a*b").IsMatch(name));
        Assert.True(new WildcardPattern("*a*a*a*a*a*a*a").IsMatch(name));
    }
}
