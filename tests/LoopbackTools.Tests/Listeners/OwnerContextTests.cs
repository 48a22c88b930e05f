using LoopbackTools.Containers;
using LoopbackTools.Listeners;
using LoopbackTools.Listeners.Owners;

namespace LoopbackTools.Tests.Listeners;

/// <summary>The engines are asked lazily: never for plain owners, once per scan when some owner needs a container name.</summary>
public sealed class OwnerContextTests
{
    private const string Id = "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00112233445566778899";

    private int _asked;

    [Fact]
    public void Plain_owners_never_ask_an_engine()
    {
        var context = Context(_ => CgroupParser.Parse("0::/system.slice/nginx.service\n"));
        var owner = new ProcessOwner(10, "nginx", null, null);

        context.Observe(owner);
        context.Resolve(CancellationToken.None);

        Assert.Equal(0, _asked);
        Assert.Null(context.ContainerOf(owner, ListenerProtocol.Tcp, 80, "0.0.0.0"));
        Assert.Equal("nginx.service", context.ServiceOf(owner));
    }

    [Fact]
    public void A_proxy_asks_once_and_an_engine_that_is_not_there_leaves_the_container_empty()
    {
        var context = Context(_ => CgroupMembership.None);
        var proxies = Enumerable.Range(100, 50).Select(pid => new ProcessOwner(pid, "docker-proxy", null, null)).ToList();

        proxies.ForEach(context.Observe);
        context.Resolve(CancellationToken.None);
        context.Resolve(CancellationToken.None);

        Assert.Equal(1, _asked);
        Assert.All(proxies, p => Assert.Null(context.ContainerOf(p, ListenerProtocol.Tcp, 18080, "127.0.0.1")));
    }

    [Fact]
    public void An_owner_in_a_container_cgroup_asks_once()
    {
        var context = Context(_ => CgroupParser.Parse("0::/docker/" + Id + "\n"));
        var owner = new ProcessOwner(7, "busybox", null, null);

        context.Observe(owner);
        context.Observe(owner);
        context.Resolve(CancellationToken.None);

        Assert.Equal(1, _asked);
        Assert.Null(context.ServiceOf(owner));
    }

    private OwnerContext Context(Func<int, CgroupMembership> membership) => new(
        membership,
        _ => null,
        () =>
        {
            _asked++;
            return new[] { DockerEndpoint.Parse("unix:///nonexistent/lbt/docker.sock") };
        },
        ContainerEngineLookup.DefaultTimeout);
}
