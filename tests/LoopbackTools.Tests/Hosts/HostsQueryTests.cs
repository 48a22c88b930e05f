using LoopbackTools.Diagnostics;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

public sealed class HostsQueryTests
{
    private static readonly HostsDocument Document = HostsDocument.Parse(
        "127.0.0.1 localhost\n" +
        "::1 localhost ip6-localhost\n" +
        "127.0.0.1 App.Test www.app.test # dev\n" +
        "# 127.0.0.1 old.test\n" +
        "192.0.2.10 build.example\n" +
        "0.0.0.0 ads.example\n" +
        "fe80::1%lo0 link.test\n",
        "/etc/hosts");

    private static string[] Run(HostsQuery query) => query.Select(Document).Select(e => e.ToString()).ToArray();

    [Fact]
    public void No_filter_returns_enabled_entries()
    {
        Assert.Equal(6, Run(new HostsQuery(null, null, false, false)).Length);
        Assert.Equal(7, Run(new HostsQuery(null, null, true, false)).Length);
    }

    [Fact]
    public void Host_name_matches_first_name_or_alias_case_insensitively()
    {
        Assert.Equal(new[] { "127.0.0.1 localhost", "::1 localhost ip6-localhost" }, Run(new HostsQuery(new[] { "LOCALHOST" }, null, false, false)));
        Assert.Equal(new[] { "::1 localhost ip6-localhost" }, Run(new HostsQuery(new[] { "ip6-*" }, null, false, false)));
        Assert.Equal(new[] { "127.0.0.1 App.Test www.app.test" }, Run(new HostsQuery(new[] { "www.app.test" }, null, false, false)));
        Assert.Equal(new[] { "127.0.0.1 App.Test www.app.test", "fe80::1%lo0 link.test" }, Run(new HostsQuery(new[] { "*.test" }, null, false, false)));
        Assert.Equal(new[] { "127.0.0.1 localhost", "::1 localhost ip6-localhost", "192.0.2.10 build.example" }, Run(new HostsQuery(new[] { "localhost", "build.*" }, null, false, false)));
    }

    [Fact]
    public void Disabled_entries_need_IncludeDisabled()
    {
        Assert.Empty(Run(new HostsQuery(new[] { "old.test" }, null, false, false)));
        Assert.Equal(new[] { "# 127.0.0.1 old.test" }, Run(new HostsQuery(new[] { "old.test" }, null, true, false)));
    }

    [Fact]
    public void Address_matches_in_normalised_form()
    {
        Assert.Equal(new[] { "::1 localhost ip6-localhost" }, Run(new HostsQuery(null, new[] { "0:0:0:0:0:0:0:1" }, false, false)));
        Assert.Equal(new[] { "fe80::1%lo0 link.test" }, Run(new HostsQuery(null, new[] { "FE80::0001%lo0" }, false, false)));
        Assert.Empty(Run(new HostsQuery(null, new[] { "fe80::1%eth0" }, false, false)));
        Assert.Equal(3, Run(new HostsQuery(null, new[] { "127.0.0.1", "192.0.2.10" }, false, false)).Length);
    }

    [Fact]
    public void Loopback_keeps_only_loopback_addresses()
    {
        Assert.Equal(
            new[] { "127.0.0.1 localhost", "::1 localhost ip6-localhost", "127.0.0.1 App.Test www.app.test" },
            Run(new HostsQuery(null, null, false, true)));
        Assert.Equal(new[] { "127.0.0.1 App.Test www.app.test" }, Run(new HostsQuery(new[] { "*app*" }, null, false, true)));
    }

    [Fact]
    public void An_address_filter_that_is_no_address_is_InvalidAddress()
    {
        var error = Assert.Throws<LoopbackToolsException>(() => new HostsQuery(null, new[] { "localhost" }, false, false));
        Assert.Equal("Hosts.InvalidAddress", error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Equal("localhost", error.TargetObject);
    }
}
