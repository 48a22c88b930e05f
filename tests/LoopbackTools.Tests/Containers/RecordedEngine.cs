using System.Net.Sockets;
using System.Text;

namespace LoopbackTools.Tests.Containers;

/// <summary>
/// A real unix socket server in a temp folder that answers each request with recorded bytes, chosen by the
/// request line; an empty answer means "accept and never reply" (for timeouts). Stands in for an engine
/// whose answers we want byte for byte (truncated, garbage), not for its behaviour.
/// </summary>
public sealed class RecordedEngine : IDisposable
{
    private readonly Socket _listener;
    private readonly Func<string, byte[]> _answer;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Socket> _silent = new();
    private readonly string _folder;

    public RecordedEngine(Func<string, byte[]> answer)
    {
        _answer = answer;
        _folder = Directory.CreateTempSubdirectory("lbt-engine-").FullName;
        SocketPath = Path.Combine(_folder, "engine.sock");
        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(SocketPath));
        _listener.Listen(16);
        _ = Task.Run(ServeAsync);
    }

    public string SocketPath { get; }

    public string Endpoint => "unix://" + SocketPath;

    public List<string> RequestLines { get; } = new();

    public static byte[] Fixture(string name) => File.ReadAllBytes(Infrastructure.RepoPaths.Fixture("docker", name));

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Dispose();
        lock (_silent)
        {
            _silent.ForEach(s => s.Dispose());
        }

        Directory.Delete(_folder, true);
        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(client));
        }
    }

    private async Task AnswerAsync(Socket client)
    {
        var request = new StringBuilder();
        var buffer = new byte[4096];
        while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
        {
            var n = await client.ReceiveAsync(buffer, SocketFlags.None);
            if (n == 0)
            {
                break;
            }

            request.Append(Encoding.ASCII.GetString(buffer, 0, n));
        }

        var line = request.ToString().Split("\r\n")[0];
        lock (RequestLines)
        {
            RequestLines.Add(line);
        }

        var answer = _answer(line);
        if (answer.Length == 0)
        {
            lock (_silent)
            {
                _silent.Add(client);
            }

            return;
        }

        await client.SendAsync(answer, SocketFlags.None);
        client.Shutdown(SocketShutdown.Both);
        client.Dispose();
    }
}
