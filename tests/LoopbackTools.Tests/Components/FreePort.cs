using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Tests.Components;

/// <summary>Ports on loopback that nothing uses right now, for both TCP and UDP.</summary>
public static class FreePort
{
    public static int Tcp(IPAddress? address = null)
    {
        using var listener = new TcpListener(address ?? IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A port free for both TCP and UDP on 127.0.0.1 (DNS servers need both).</summary>
    public static int TcpAndUdp()
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Tcp();
            try
            {
                using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, port));
                return port;
            }
            catch (SocketException)
            {
                // taken for UDP: try another
            }
        }

        throw new InvalidOperationException("no free TCP+UDP port on 127.0.0.1");
    }
}
