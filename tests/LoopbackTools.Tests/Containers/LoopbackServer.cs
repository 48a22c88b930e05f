using System.Net;
using System.Net.Sockets;

namespace LoopbackTools.Tests.Containers;

/// <summary>A TCP server on 127.0.0.1 that treats every connection with the given behaviour.</summary>
public sealed class LoopbackServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _clients = new();

    public LoopbackServer(Func<Socket, Task> behaviour)
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            while (true)
            {
                Socket client;
                try
                {
                    client = await _listener.AcceptSocketAsync();
                }
                catch (Exception e) when (e is ObjectDisposedException or SocketException)
                {
                    return;
                }

                lock (_clients)
                {
                    _clients.Add(client);
                }

                _ = Task.Run(() => behaviour(client));
            }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Stop();
        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }
    }
}
