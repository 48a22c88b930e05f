using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Benchmarks;

/// <summary>TCP listeners on 127.0.0.1 (kernel-chosen ports) held by the benchmark process for a whole run.</summary>
public sealed class HeldListeners : IDisposable
{
    private readonly List<Socket> _sockets = new();

    public HeldListeners(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            socket.Listen(1);
            _sockets.Add(socket);
        }
    }

    public void Dispose()
    {
        foreach (var socket in _sockets)
        {
            socket.Dispose();
        }
    }
}
