using System.Net;
using LoopbackTools.Browsers;
using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// The restricted-port data against real headless Chromium: a plain HTTP server (python3 -m http.server) on each port,
/// and Chromium must refuse exactly the ports the data says it refuses. Sealed only (the ports are the seal's own).
/// </summary>
[Collection(TlsClientCollection.Name)]
public sealed class BrowserPortAgreementTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-ports-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    [RequiresTheory("python3", "chromium")]
    [InlineData(6000)]   // X11: on both lists
    [InlineData(6667)]   // IRC
    [InlineData(10080)]  // Amanda, the last Chromium added
    [InlineData(4190)]   // sieve: Firefox's list only
    [InlineData(6679)]   // osaut: Firefox's list only
    [InlineData(8080)]   // an ordinary development port
    public void Chromium_refuses_exactly_the_listed_ports(int port)
    {
        var www = Path.Combine(_folder, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(www);
        File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>loopbacktools-marker</body></html>");
        using var server = new BackgroundProcess("python3", new[] { "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", www });
        server.WaitUntil(() => { using var c = new System.Net.Sockets.TcpClient(); c.Connect(IPAddress.Loopback, port); return true; }, TimeSpan.FromSeconds(10), "http.server listens");
        var result = Run.Command("chromium", new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + Path.Combine(_folder, "profile-" + port), "--dump-dom", $"http://127.0.0.1:{port}/" }, TimeSpan.FromSeconds(60));
        var opened = result.Output.Contains("loopbacktools-marker", StringComparison.Ordinal);
        Assert.True(opened != BrowserRestrictedPorts.Chromium.Contains(port), $"port {port}: Chromium {(opened ? "opened" : "refused")} it, the data says {(BrowserRestrictedPorts.Chromium.Contains(port) ? "restricted" : "open")}\n{result.Error}");
    }
}
