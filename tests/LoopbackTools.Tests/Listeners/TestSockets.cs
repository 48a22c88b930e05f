using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Tests.Listeners;

/// <summary>Real sockets held by the test process: TCP in LISTEN or bound UDP, on an ephemeral port.</summary>
public static class TestSockets
{
    /// <summary>Binds <paramref name="address"/>; for IPv6 sets IPV6_V6ONLY as given (DualMode is its inverse).</summary>
    public static Socket Open(ProtocolType protocol, string address, bool v6Only = false)
    {
        var ip = IPAddress.Parse(address);
        var socket = protocol == ProtocolType.Tcp
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(ip.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        if (ip.AddressFamily == AddressFamily.InterNetworkV6)
        {
            socket.DualMode = !v6Only;
        }

        socket.Bind(new IPEndPoint(ip, 0));
        if (protocol == ProtocolType.Tcp)
        {
            socket.Listen(4);
        }

        return socket;
    }

    public static int PortOf(Socket socket) => ((IPEndPoint)socket.LocalEndPoint!).Port;
}
