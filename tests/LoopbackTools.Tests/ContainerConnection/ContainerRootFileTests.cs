using System.Globalization;
using System.Text;
using LoopbackTools.Containers;
using LoopbackTools.Diagnostics;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.ContainerConnection;

/// <summary>
/// A container's own files read through /proc/PID/root (issue 29), against a real container on the seal's dockerd
/// whose /etc/hosts is replaced (with CAP_SYS_ADMIN, so the engine's bind mount can be unmounted first) by a link to an absolute
/// path that exists only on the host, a FIFO nobody writes, and a link to /dev/zero. The host's file is never read,
/// the FIFO never blocks, /dev/zero is never read, and a pid that is not the container's is refused.
/// </summary>
[Collection(DockerCollection.Name)]
public sealed class ContainerRootFileTests(DockerFixture docker) : IDisposable
{
    private readonly List<string> _containers = new();
    private readonly string _hostOnly = "/tmp/lbt-host-only-" + Guid.NewGuid().ToString("N");

    private DockerEngine Engine => docker.Engine;

    public void Dispose()
    {
        foreach (var id in _containers)
        {
            Engine.Docker("rm", "-f", id);
        }

        File.Delete(_hostOnly);
    }

    [RequiresFact("dockerd", "docker", "busybox")]
    public void The_engine_mounted_hosts_file_is_read()
    {
        var (id, pid) = Start(null);
        var text = Encoding.UTF8.GetString(ContainerRootFile.Read(pid, id, "/etc/hosts"));
        Assert.StartsWith("127.0.0.1\tlocalhost\n", text, StringComparison.Ordinal); // the file dockerd wrote for a --network none container
    }

    /// <summary>Before the fix the link resolved against the host's root and the host's file was read.</summary>
    [RequiresFact("dockerd", "docker", "busybox")]
    public void Absolute_link_resolves_inside_the_container_and_never_reaches_the_host_file()
    {
        File.WriteAllText(_hostOnly, "203.0.113.7 host-secret.test\n");
        var (id, pid) = Start($"busybox ln -s {_hostOnly} /etc/hosts");

        var missing = Assert.Throws<LoopbackToolsException>(() => ContainerRootFile.Read(pid, id, "/etc/hosts"));
        Assert.Equal("Docker.ContainerFileUnreadable", missing.ErrorId);
        Assert.Contains("does not exist inside the container", missing.Message, StringComparison.Ordinal);

        Engine.Docker("exec", id, "busybox", "sh", "-c", $"busybox mkdir -p /tmp && echo '127.0.0.9 inside.test' > {_hostOnly}").EnsureSuccess("docker exec");
        Assert.Equal("127.0.0.9 inside.test\n", Encoding.UTF8.GetString(ContainerRootFile.Read(pid, id, "/etc/hosts")));
    }

    /// <summary>Before the fix opening the FIFO blocked for ever and /dev/zero was read until memory ran out.</summary>
    [RequiresTheory("dockerd", "docker", "busybox")]
    [InlineData("busybox mkfifo /etc/hosts", "a FIFO")]
    [InlineData("busybox ln -s /dev/zero /etc/hosts", "a character device")]
    public void Special_file_is_refused_without_being_read(string make, string kind)
    {
        var (id, pid) = Start(make);

        // A read that blocked would leave Wait false after 30 s, so the test fails instead of hanging.
        var read = Task.Run(() => ContainerRootFile.Read(pid, id, "/etc/hosts"));
        var error = Assert.IsType<LoopbackToolsException>(Assert.Throws<AggregateException>(() => read.Wait(TimeSpan.FromSeconds(30))).InnerException);

        Assert.Equal("Docker.ContainerFileUnreadable", error.ErrorId);
        Assert.Contains(kind, error.Message, StringComparison.Ordinal);
    }

    /// <summary>Where the engine's pid namespace differs from ours, its pid names another process: refused before entering.</summary>
    [RequiresFact("dockerd", "docker", "busybox")]
    public void Pid_of_another_process_is_refused()
    {
        var (id, _) = Start(null);
        var error = Assert.Throws<LoopbackToolsException>(() => ContainerRootFile.Read(Environment.ProcessId, id, "/etc/hosts"));
        Assert.Equal("Docker.ContainerPidMismatch", error.ErrorId);
    }

    /// <summary>A container that ended after its pid was learnt: its own error, not a raw FileNotFoundException.</summary>
    [RequiresFact("dockerd", "docker", "busybox")]
    public void Container_that_ended_is_gone()
    {
        var (id, pid) = Start(null);
        Engine.Docker("kill", id).EnsureSuccess("docker kill");
        for (var i = 0; i < 100 && Directory.Exists("/proc/" + pid.ToString(CultureInfo.InvariantCulture)); i++)
        {
            Thread.Sleep(100);
        }

        var error = Assert.Throws<LoopbackToolsException>(() => ContainerRootFile.Read(pid, id, "/etc/hosts"));
        Assert.Equal("Docker.ContainerGone", error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
    }

    /// <summary>A container whose /etc/hosts was replaced by <paramref name="make"/> (after the engine's bind mount is removed); null keeps the engine's.</summary>
    private (string Id, int Pid) Start(string? make)
    {
        var replace = make is null ? string.Empty : $"busybox umount /etc/hosts; busybox rm -f /etc/hosts; {make}; ";
        var id = Engine.RunContainer("--cap-add", "SYS_ADMIN", "--security-opt", "seccomp=unconfined", "--security-opt", "apparmor=unconfined", "--network", "none", DockerEngine.Image, "busybox", "sh", "-c", replace + "busybox touch /made; exec busybox sleep 600");
        _containers.Add(id);
        for (var i = 0; i < 100 && Engine.Docker("exec", id, "busybox", "test", "-e", "/made").ExitCode != 0; i++)
        {
            Thread.Sleep(100);
        }

        var pid = int.Parse(Engine.Docker("inspect", "-f", "{{.State.Pid}}", id).EnsureSuccess("docker inspect").Output.Trim(), CultureInfo.InvariantCulture);
        return (id, pid);
    }
}
