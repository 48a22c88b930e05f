using System.Globalization;
using System.Text.RegularExpressions;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Proxy;

/// <summary>
/// A real tinyproxy on 127.0.0.1 (in the seal) whose log names every request it was sent, so a test can tell
/// whether a client went through it. It forwards only to loopback: every URL the tests send is a loopback URL.
/// </summary>
public sealed class Tinyproxy : IDisposable
{
    private readonly BackgroundProcess _process;
    private readonly string _folder;

    public Tinyproxy()
    {
        Component.Require(new[] { "tinyproxy" }, needsRoot: true);
        _folder = Directory.CreateTempSubdirectory("lbt-tinyproxy-").FullName;
        // tinyproxy drops to nobody when started as root: the folder must be writable for its log.
        if (OperatingSystem.IsLinux())
        {
            File.SetUnixFileMode(_folder, (UnixFileMode)0x1FF);
        }
        Port = FreePort.Tcp();
        LogPath = Path.Combine(_folder, "tinyproxy.log");
        var config = Path.Combine(_folder, "tinyproxy.conf");
        File.WriteAllText(config, string.Format(CultureInfo.InvariantCulture,
            "Port {0}\nListen 127.0.0.1\nTimeout 10\nLogFile \"{1}\"\nLogLevel Info\nMaxClients 20\n", Port, LogPath));
        _process = new BackgroundProcess("tinyproxy", new[] { "-d", "-c", config });
        _process.WaitUntil(() => File.Exists(LogPath) && File.ReadAllText(LogPath).Contains("Accepting connections", StringComparison.Ordinal), TimeSpan.FromSeconds(10), "accepting");
    }

    public int Port { get; }

    public string LogPath { get; }

    public string Url => "http://127.0.0.1:" + Port.ToString(CultureInfo.InvariantCulture);

    /// <summary>The request lines tinyproxy logged ("GET http://localhost:3001/x HTTP/1.1").</summary>
    public IReadOnlyList<string> Requests() =>
        File.ReadAllLines(LogPath).Select(l => Regex.Match(l, @"Request \(file descriptor \d+\): (.*)$")).Where(m => m.Success).Select(m => m.Groups[1].Value).ToArray();

    public bool Forwarded(string url) => Requests().Any(r => r.StartsWith("GET " + url + " ", StringComparison.Ordinal));

    public void Dispose()
    {
        _process.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
