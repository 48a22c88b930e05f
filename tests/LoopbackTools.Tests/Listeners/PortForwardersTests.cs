using LoopbackTools.Listeners.Owners;

namespace LoopbackTools.Tests.Listeners;

/// <summary>What a forwarder forwards to, read from command lines as /proc/PID/cmdline gives them (NULs as spaces).</summary>
public sealed class PortForwardersTests
{
    [Theory]
    [InlineData("ssh", "ssh -N -L 5432:db.internal:5432 jump", 5432, "ssh -L", "db.internal:5432")]
    [InlineData("ssh", "ssh -N -L127.0.0.1:8080:localhost:80 -L 9000:198.51.100.5:9000 host", 9000, "ssh -L", "198.51.100.5:9000")]
    [InlineData("ssh", "/usr/bin/ssh -fNL [::1]:8443:[2001:db8::1]:443 host", 8443, "ssh -L", "[2001:db8::1]:443")]
    [InlineData("socat", "socat TCP-LISTEN:6380,bind=127.0.0.1,fork,reuseaddr TCP:127.0.0.1:6379", 6380, "socat", "127.0.0.1:6379")]
    [InlineData("socat", "socat -d TCP4-LISTEN:8000,fork TCP4:[::1]:8001,nodelay", 8000, "socat", "[::1]:8001")]
    [InlineData("kubectl", "kubectl port-forward -n web svc/frontend 8080:80", 8080, "kubectl port-forward", "svc/frontend port 80")]
    [InlineData("kubectl", "kubectl port-forward pod/api 3000", 3000, "kubectl port-forward", "pod/api port 3000")]
    public void A_forward_of_the_port_is_named_with_its_far_end(string process, string commandLine, int port, string tool, string target)
    {
        var forward = PortForwarders.Find(process, commandLine, port);

        Assert.NotNull(forward);
        Assert.Equal((tool, target), (forward!.Tool, forward.Target));
    }

    [Theory]
    [InlineData("ssh", "ssh -N -L 5432:db:5432 jump", 5433)] // another port's forward
    [InlineData("ssh", "ssh host", 22)]
    [InlineData("socat", "socat TCP-LISTEN:6380 UNIX-CONNECT:/run/redis.sock", 6380)] // not a TCP far end
    [InlineData("nginx", "nginx: master process nginx -g daemon off;", 80)]
    [InlineData("kubectl", "kubectl get pods", 8080)]
    public void Anything_else_is_not_a_forward(string process, string commandLine, int port) =>
        Assert.Null(PortForwarders.Find(process, commandLine, port));
}
