using System.Net;
using System.Net.Sockets;
using LoopbackTools.Sockets;

namespace LoopbackTools.Tests.Sockets;

/// <summary>The SYN-retry switch is for Windows loopback targets only; elsewhere the socket is left as it is.</summary>
public sealed class WindowsSynRetriesTests
{
    [Theory]
    [InlineData("127.0.0.1", true, true)]
    [InlineData("127.0.0.2", true, true)]
    [InlineData("::1", true, true)]
    [InlineData("::ffff:127.0.0.1", true, true)]
    [InlineData("192.0.2.10", true, false)]
    [InlineData("2001:db8::10", true, false)]
    [InlineData("127.0.0.1", false, false)]
    public void Applies_only_to_loopback_targets_on_windows(string target, bool isWindows, bool applies) =>
        Assert.Equal(applies, WindowsSynRetries.Applies(IPAddress.Parse(target), isWindows));

    [Fact]
    public void On_linux_a_closed_loopback_port_is_still_refused_at_once()
    {
        var closed = new TcpListener(IPAddress.Loopback, 0);
        closed.Start();
        var port = ((IPEndPoint)closed.LocalEndpoint).Port;
        closed.Stop();

        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        WindowsSynRetries.DisableForLoopback(socket, IPAddress.Loopback);
        var error = Assert.Throws<SocketException>(() => socket.Connect(IPAddress.Loopback, port));
        Assert.Equal(SocketError.ConnectionRefused, error.SocketErrorCode);
    }
}
