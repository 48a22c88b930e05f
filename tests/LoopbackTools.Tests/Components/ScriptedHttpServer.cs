using System.Net;
using System.Net.Sockets;
using System.Text;

namespace LoopbackTools.Tests.Components;

/// <summary>
/// A real HTTP/1.0 server on a loopback socket that answers its requests with the given statuses in turn (the last
/// one repeated), as an app does that answers 503 while it starts and 200 once it is ready. Records each request line.
/// </summary>
public sealed class ScriptedHttpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int[] _statuses;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly List<string> _requests = new();

    public ScriptedHttpServer(IPAddress address, params int[] statuses)
    {
        _statuses = statuses;
        _listener = new TcpListener(address, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToArray();
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // the accept loop ends with the listener
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                var stream = client.GetStream();
                var reader = new StreamReader(stream, Encoding.ASCII);
                var line = await reader.ReadLineAsync() ?? string.Empty;
                int status;
                lock (_requests)
                {
                    _requests.Add(line);
                    status = _statuses[Math.Min(_requests.Count - 1, _statuses.Length - 1)];
                }

                while (!string.IsNullOrEmpty(await reader.ReadLineAsync()))
                {
                    // headers: not judged
                }

                var reply = Encoding.ASCII.GetBytes($"HTTP/1.0 {status} {(status == 200 ? "OK" : "Service Unavailable")}\r\nContent-Length: 0\r\n\r\n");
                await stream.WriteAsync(reply);
            }
        }
    }
}
