using LoopbackTools.Listeners.Owners;

namespace LoopbackTools.Tests.Listeners;

/// <summary>/proc/&lt;pid&gt;/cgroup as each engine, cgroup driver and cgroup version writes it (cgroup(7)).</summary>
public sealed class CgroupParserTests
{
    private const string Id = "3f4e5d6c7b8a99887766554433221100ffeeddccbbaa00112233445566778899";

    [Theory]
    [InlineData("0::/system.slice/docker-" + Id + ".scope\n")] // systemd driver, cgroup v2
    [InlineData("0::/docker/" + Id + "\n")] // cgroupfs driver, cgroup v2
    [InlineData("12:pids:/docker/" + Id + "\n11:memory:/docker/" + Id + "\n1:name=systemd:/docker/" + Id + "\n0::/\n")] // cgroupfs, v1
    [InlineData("0::/../../docker/" + Id + "\n")] // read from inside another cgroup namespace
    public void Docker_cgroups_give_the_container_id(string text)
    {
        var membership = CgroupParser.Parse(text);

        Assert.Equal((Id, ContainerEngineFamily.Docker), (membership.ContainerId, membership.Engine));
        Assert.Null(membership.Service); // docker-<id>.scope is the container's scope, not a service
    }

    [Theory]
    [InlineData("0::/machine.slice/libpod-" + Id + ".scope/container\n")] // rootful podman, systemd manager
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/user.slice/libpod-" + Id + ".scope/container\n")] // rootless
    [InlineData("0::/libpod_parent/libpod-" + Id + "\n")] // cgroupfs manager
    public void Podman_cgroups_give_the_container_id(string text)
    {
        var membership = CgroupParser.Parse(text);

        Assert.Equal((Id, ContainerEngineFamily.Podman), (membership.ContainerId, membership.Engine));
        Assert.Null(membership.Service);
    }

    [Fact]
    public void Podmans_monitor_conmon_is_not_the_container()
    {
        var membership = CgroupParser.Parse("0::/machine.slice/libpod-conmon-" + Id + ".scope\n");

        Assert.Null(membership.ContainerId);
        Assert.Null(membership.Service);
    }

    [Theory]
    [InlineData("0::/system.slice/nginx.service\n", "nginx.service")]
    [InlineData("0::/system.slice/containerd.service/cgroup-child\n", "containerd.service")] // a delegated sub-cgroup
    [InlineData("0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-vite.service\n", "app-vite.service")]
    [InlineData("9:name=systemd:/system.slice/ssh.service\n8:pids:/system.slice/ssh.service\n0::/\n", "ssh.service")] // hybrid
    [InlineData("1:name=systemd:/system.slice/old.service\n0::/system.slice/new.service\n", "new.service")] // v2 line first
    public void The_innermost_service_unit_is_the_service(string text, string service)
    {
        var membership = CgroupParser.Parse(text);

        Assert.Equal(service, membership.Service);
        Assert.Null(membership.ContainerId);
    }

    [Theory]
    [InlineData("0::/user.slice/user-1000.slice/session-3.scope\n")] // a login session
    [InlineData("0::/init.scope\n")] // systemd itself
    [InlineData("0::/\n")]
    [InlineData("4:memory:/process_api/9e9b04f93ebfcdd0a73ca9b4892bc39f\n0::/\n")] // this build machine
    [InlineData("0::/system.slice/docker-abc.scope\n")] // not a 64-digit id
    [InlineData("0::/system.slice/.service\n")]
    [InlineData("garbage without colons\n")]
    [InlineData("")]
    public void Anything_else_says_nothing(string text)
    {
        Assert.Same(CgroupMembership.None, CgroupParser.Parse(text));
    }
}
