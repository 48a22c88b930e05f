using System.Net.Sockets;

namespace LoopbackTools.Tests.Components;

public sealed class NetworkNamespaceSmokeTests
{
    [RequiresFact("ip", "busybox")]
    public void A_fresh_namespace_has_lo_down_until_it_is_set_up()
    {
        using var ns = new NetworkNamespace();
        var down = ns.Exec("ip", "-o", "addr", "show", "dev", "lo").EnsureSuccess("ip addr").Output;
        Assert.DoesNotContain("::1", down, StringComparison.Ordinal);

        ns.SetLoopbackUp();
        var up = ns.Exec("ip", "-o", "addr", "show", "dev", "lo").EnsureSuccess("ip addr").Output;
        Assert.Contains("inet6 ::1/128", up, StringComparison.Ordinal);
    }

    [RequiresFact("ip", "busybox")]
    public void A_listener_inside_a_namespace_is_not_reachable_from_the_host_loopback()
    {
        using var ns = new NetworkNamespace(loopbackUp: true);
        var port = FreePort.Tcp();
        using var server = ns.Start("busybox", "nc", "-ll", "-p", port.ToString(), "-e", "cat");
        Eventually.True(() => ns.Exec("ss", "-ltnH", $"sport = :{port}").Output.Contains($":{port}", StringComparison.Ordinal), TimeSpan.FromSeconds(5), "listening in the namespace");

        using var client = new TcpClient();
        var refused = Assert.Throws<SocketException>(() => client.Connect("127.0.0.1", port));
        Assert.Equal(SocketError.ConnectionRefused, refused.SocketErrorCode);
    }
}
