using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

public sealed class HostNamePatternTests
{
    [Theory]
    [InlineData("localhost", "localhost")]
    [InlineData("LocalHost", "localhost")]
    [InlineData("*", "anything.test")]
    [InlineData("*", "")]
    [InlineData("*.test", "app.test")]
    [InlineData("*.test", ".test")]
    [InlineData("app.*", "app.example.org")]
    [InlineData("a*b*c", "aXXbYYc")]
    [InlineData("a*b*c", "abcbc")]
    [InlineData("?ocalhost", "localhost")]
    [InlineData("ip6-????????", "ip6-loopback")]
    [InlineData("*host*", "localhost.localdomain")]
    public void Matches(string pattern, string name) => Assert.True(new HostNamePattern(pattern).IsMatch(name));

    [Theory]
    [InlineData("localhost", "localhost.localdomain")]
    [InlineData("*.test", "test")]
    [InlineData("app.*", "app")]
    [InlineData("?", "")]
    [InlineData("?", "ab")]
    [InlineData("a*b*c", "aXXbYY")]
    [InlineData("[ab]", "a")]
    public void Does_not_match(string pattern, string name) => Assert.False(new HostNamePattern(pattern).IsMatch(name));

    [Fact]
    public void Many_stars_against_a_long_name_finish_quickly_and_correctly()
    {
        var name = new string('a', 5000);
        Assert.False(new HostNamePattern("*a*a*a*a*a*a*b").IsMatch(name));
        Assert.True(new HostNamePattern("*a*a*a*a*a*a*a").IsMatch(name));
    }
}
