using LoopbackTools.Resolution.Sources;

namespace LoopbackTools.Tests.Resolution;

public sealed class NsswitchParserTests
{
    [Fact]
    public void Reads_the_hosts_line_with_actions_after_their_service()
    {
        const string text = "# /etc/nsswitch.conf\npasswd:  files systemd\nhosts:          files mdns4_minimal [NOTFOUND=return] resolve [!UNAVAIL=return] myhostname dns # end\nnetworks: files\n";
        var chain = NsswitchParser.ParseHosts(text)!;

        Assert.Equal(new[] { "files", "mdns4_minimal", "resolve", "myhostname", "dns" }, chain.Select(s => s.Name));
        Assert.Equal(new[] { "files", "mdns4_minimal [NOTFOUND=return]", "resolve [!UNAVAIL=return]", "myhostname", "dns" }, chain.Select(s => s.Text));

        // Default actions: return on SUCCESS only.
        Assert.True(chain[0].ReturnsOn(NssStatus.Success));
        Assert.False(chain[0].ReturnsOn(NssStatus.NotFound));
        Assert.False(chain[0].ReturnsOn(NssStatus.Unavail));

        Assert.True(chain[1].ReturnsOn(NssStatus.NotFound));
        Assert.False(chain[1].ReturnsOn(NssStatus.Unavail));

        // [!UNAVAIL=return]: every other status returns.
        Assert.True(chain[2].ReturnsOn(NssStatus.NotFound));
        Assert.True(chain[2].ReturnsOn(NssStatus.TryAgain));
        Assert.False(chain[2].ReturnsOn(NssStatus.Unavail));
    }

    [Fact]
    public void Several_terms_in_one_bracket_and_odd_spacing()
    {
        var chain = NsswitchParser.ParseServices("  FILES[NOTFOUND=return   TRYAGAIN=continue]\tdns [SUCCESS=merge] ");
        Assert.Equal(new[] { "files [NOTFOUND=return TRYAGAIN=continue]", "dns [SUCCESS=merge]" }, chain.Select(s => s.Text));
        Assert.True(chain[0].ReturnsOn(NssStatus.NotFound));
        Assert.False(chain[0].ReturnsOn(NssStatus.TryAgain));
        Assert.False(chain[1].ReturnsOn(NssStatus.Success)); // merge goes on to the next service
    }

    [Theory]
    [InlineData("")]
    [InlineData("passwd: files\n#hosts: files dns\n")]
    public void No_hosts_line_means_glibc_default_order(string text)
    {
        Assert.Null(NsswitchParser.ParseHosts(text));
        var configuration = ResolverConfiguration.ForLinux(text, new[] { "127.0.0.1" }, Array.Empty<string>(), false, "box");
        Assert.True(configuration.ChainIsDefault);
        Assert.Equal(new[] { "dns [!UNAVAIL=return]", "files" }, configuration.Chain.Select(s => s.Text));
    }

    [Fact]
    public void The_first_hosts_line_wins()
    {
        Assert.Equal(new[] { "files", "dns" }, NsswitchParser.ParseHosts("hosts: files dns\nhosts: dns\n")!.Select(s => s.Text));
    }
}
