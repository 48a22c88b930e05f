using System.Globalization;
using LoopbackTools.Listeners;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Listeners;

/// <summary>
/// A real process placed in a cgroup named like a systemd service (lbt-….slice/lbt-….service), created for the
/// test under /sys/fs/cgroup and removed after it: the listener's Service is read from /proc/&lt;pid&gt;/cgroup.
/// </summary>
public sealed class ListenerServiceCgroupTests
{
    [RequiresFact("busybox")]
    public void A_process_in_a_service_cgroup_names_the_service()
    {
        var root = CgroupRoot() ?? throw new InvalidOperationException("no writable cgroup hierarchy under /sys/fs/cgroup");
        var tag = "lbt-" + Guid.NewGuid().ToString("N")[..8];
        var slice = Path.Combine(root, tag + ".slice");
        var service = Path.Combine(slice, tag + ".service");
        Directory.CreateDirectory(service);
        var port = FreePort.Tcp();
        try
        {
            using (var server = new BackgroundProcess("busybox", new[] { "httpd", "-f", "-p", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-h", "/" }))
            {
                File.WriteAllText(Path.Combine(service, "cgroup.procs"), server.Id.ToString(CultureInfo.InvariantCulture));
                var options = new ListenerScanOptions { Ports = new[] { port }, IncludeUdp = false };
                server.WaitUntil(() => ListenerScanner.Scan(options, CancellationToken.None).Listeners.Any(l => l.ProcessId == server.Id), TimeSpan.FromSeconds(10), "listening");

                var row = Assert.Single(ListenerScanner.Scan(options, CancellationToken.None).Listeners);

                Assert.Equal((server.Id, tag + ".service"), (row.ProcessId, row.Service));
                Assert.Null(row.Container);
            }
        }
        finally
        {
            Eventually.True(() => TryRemove(service) && TryRemove(slice), TimeSpan.FromSeconds(10), "cgroup removed");
        }
    }

    [Fact]
    public void A_process_outside_any_service_has_no_service()
    {
        using var socket = TestSockets.Open(System.Net.Sockets.ProtocolType.Tcp, "127.0.0.1");
        var self = File.ReadAllText("/proc/self/cgroup");

        var row = Assert.Single(ListenerScanner.Scan(new ListenerScanOptions { Ports = new[] { TestSockets.PortOf(socket) }, IncludeUdp = false }, CancellationToken.None).Listeners);

        Assert.Equal(Environment.ProcessId, row.ProcessId);
        Assert.Equal(LoopbackTools.Listeners.Owners.CgroupParser.Parse(self).Service, row.Service); // whatever this test runs in
        Assert.Null(row.Container);
    }

    /// <summary>The cgroup v2 root (pure or the hybrid "unified" mount), else v1's name=systemd hierarchy.</summary>
    private static string? CgroupRoot()
    {
        foreach (var candidate in new[] { "/sys/fs/cgroup", "/sys/fs/cgroup/unified", "/sys/fs/cgroup/systemd" })
        {
            if (File.Exists(Path.Combine(candidate, "cgroup.procs")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static bool TryRemove(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory); // rmdir: a cgroup's files go with it
            }

            return true;
        }
        catch (IOException)
        {
            return false; // the process is still leaving it
        }
    }
}
