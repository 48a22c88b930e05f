using System.Net;
using System.Text;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Linux;

namespace LoopbackTools.Tests.Listeners;

/// <summary>The small pure pieces: fd link targets, namespace links, passwd, status, wildcards, dual-stack rule.</summary>
public sealed class ListenerHelpersTests
{
    [Theory]
    [InlineData("socket:[12345]", 12345)]
    [InlineData("socket:[0]", 0)]
    [InlineData("pipe:[12345]", -1)]
    [InlineData("socket:[12a45]", -1)]
    [InlineData("socket:[]", -1)]
    [InlineData("socket:[123", -1)]
    [InlineData("/dev/null", -1)]
    public void Reads_the_inode_of_socket_links_only(string link, long inode)
    {
        var bytes = Encoding.ASCII.GetBytes(link);
        Assert.Equal(inode, SocketOwnerScan.ParseSocketInode(bytes, bytes.Length));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(7, "7")]
    [InlineData(10, "10")]
    [InlineData(19999, "19999")]
    [InlineData(int.MaxValue, "2147483647")]
    public void Formats_descriptor_names_for_readlinkat(int number, string expected)
    {
        var name = Enumerable.Repeat((byte)'x', 16).ToArray();
        SocketOwnerScan.FormatName(number, name);
        Assert.Equal(expected + "\0", Encoding.ASCII.GetString(name, 0, expected.Length + 1));
    }

    [Fact]
    public void Sockets_on_the_same_address_share_one_bound_address()
    {
        var cache = new BoundAddressCache();
        var buffer = new byte[] { 9, 127, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 9, 127, 0, 0, 2 };
        var first = cache.Get(buffer, 1, 4);
        var unspecifiedV6 = cache.Get(buffer, 5, 16);

        Assert.Same(first, cache.Get(buffer.ToArray(), 1, 4));
        Assert.NotSame(first, cache.Get(buffer, 22, 4));
        Assert.Equal("127.0.0.1", first.Text);
        Assert.Equal(BindScope.Loopback, first.Scope);
        Assert.Equal("::", unspecifiedV6.Text);
        Assert.Equal(BindScope.AllInterfaces, unspecifiedV6.Scope);
        Assert.Equal(IPAddress.IPv6Any, unspecifiedV6.Address);
        Assert.Equal("127.0.0.2", cache.Get(buffer, 22, 4).Text);
    }

    [Theory]
    [InlineData("net:[4026531840]", 4026531840L)]
    [InlineData("net:[]", null)]
    [InlineData("mnt:[4026531840]", null)]
    [InlineData(null, null)]
    public void Reads_network_namespace_links(string? link, long? id) => Assert.Equal(id, NetworkNamespaceId.Parse(link));

    [Fact]
    public void Maps_uids_from_passwd_and_reads_the_real_uid_from_status()
    {
        var names = LinuxProcessInfo.ParsePasswd("root:x:0:0:root:/root:/bin/bash\nnobody:x:65534:65534::/nonexistent:/usr/sbin/nologin\n# comment\nbroken\n");
        Assert.Equal("root", names[0]);
        Assert.Equal("nobody", names[65534]);
        Assert.Equal(2, names.Count);

        Assert.Equal(1000, LinuxProcessInfo.ParseRealUid("Name:\tbash\nUid:\t1000\t0\t0\t0\nGid:\t100\n"));
        Assert.Null(LinuxProcessInfo.ParseRealUid("Name:\tbash\n"));
        Assert.Null(LinuxProcessInfo.ParseRealUid(null));
    }


    [Fact]
    public void Only_an_ipv6_any_socket_can_be_dual_stack()
    {
        Assert.True(ListenerScanner.DualStack(IPAddress.IPv6Any, v6Only: false));
        Assert.False(ListenerScanner.DualStack(IPAddress.IPv6Any, v6Only: true));
        Assert.Null(ListenerScanner.DualStack(IPAddress.IPv6Any, v6Only: null));
        Assert.False(ListenerScanner.DualStack(IPAddress.IPv6Loopback, v6Only: false));
        Assert.False(ListenerScanner.DualStack(IPAddress.Any, v6Only: null));
    }

    [Theory]
    [InlineData("127.0.0.1", BindScope.Loopback)]
    [InlineData("::ffff:127.0.0.9", BindScope.Loopback)]
    [InlineData("::", BindScope.AllInterfaces)]
    [InlineData("0.0.0.0", BindScope.AllInterfaces)]
    [InlineData("192.0.2.10", BindScope.Specific)]
    [InlineData("2001:db8::1", BindScope.Specific)]
    public void Bind_scope_comes_from_the_shared_classifier(string address, BindScope scope) =>
        Assert.Equal(scope, BindScopes.Of(IPAddress.Parse(address)));

    [Fact]
    public void A_listener_prints_its_endpoint_and_owner()
    {
        var listener = new LoopbackListener(ListenerProtocol.Tcp, "::1", 3000, System.Net.Sockets.AddressFamily.InterNetworkV6, BindScope.Loopback, false, 42, "node", null, null, null, null);
        Assert.Equal("Tcp [::1]:3000 pid 42 node", listener.ToString());
        Assert.False(listener.Exposed);
    }
}
