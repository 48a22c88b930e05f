using System.Globalization;
using System.Net;
using LoopbackTools.Browsers;
using LoopbackTools.Certificate;
using LoopbackTools.Tests.Components;
using LoopbackTools.Trust;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// The Firefox family against real headless Firefox (apt firefox-esr), driven through Marionette by
/// Fixtures/tls/firefox_fetch.py: a page that loaded, Firefox's certificate error ("insecure certificate",
/// about:certerror) and its refused-port page (about:neterror?e=deniedPortAccess) are told apart by Firefox itself.
/// One Firefox per profile, every URL in it (a first start costs tens of seconds). Firefox runs in a private mount
/// namespace with its own HOME; the profile is the one the model reads (~/.mozilla/firefox/test.default). Sealed only.
/// </summary>
[Collection(TlsClientCollection.Name)]
public sealed class FirefoxAgreementTests : IDisposable
{
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-firefox-").FullName;
    private readonly TestAuthority _ca;

    public FirefoxAgreementTests(ITestOutputHelper output)
    {
        _output = output;
        _ca = new TestAuthority(Path.Combine(_folder, "ca"));
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [RequiresFact("openssl", "python3", "firefox", "certutil", "unshare")]
    public void Firefox_accepts_exactly_what_the_model_says_from_the_profiles_cert9_db()
    {
        var valid = _ca.Leaf("valid", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var expired = _ca.Leaf("expired", new[] { "localhost" }, new[] { IPAddress.Loopback }, DateTimeOffset.UtcNow.AddDays(-25), DateTimeOffset.UtcNow.AddDays(-2));
        var noIp = _ca.Leaf("noip", new[] { "localhost" }, Array.Empty<IPAddress>());
        var self = _ca.Leaf("self", new[] { "localhost" }, new[] { IPAddress.Loopback }, selfSigned: true);
        using var validServer = Serve(valid.Pem, valid.Key, out var validPort);
        using var expiredServer = Serve(expired.Pem, expired.Key, out var expiredPort);
        using var noIpServer = Serve(noIp.Pem, noIp.Key, out var noIpPort);
        using var selfServer = Serve(self.Pem, self.Key, out var selfPort);
        var cases = new (string Label, string Name, int Port)[]
        {
            ("valid leaf", "localhost", validPort),
            ("expired leaf", "localhost", expiredPort),
            ("no IP names, by 127.0.0.1", "127.0.0.1", noIpPort),
            ("self-signed leaf", "localhost", selfPort),
        };

        var disagreements = new List<string>();
        foreach (var (profileLabel, trusted) in new[] { ("CA in the profile's cert9.db", true), ("empty cert9.db", false) })
        {
            var home = Path.Combine(_folder, "home-" + (trusted ? "trusted" : "empty"));
            var profile = Path.Combine(home, ".mozilla", "firefox", "test.default");
            Directory.CreateDirectory(profile);
            Check(Run.Command("certutil", "-d", "sql:" + profile, "-N", "--empty-password"));
            if (trusted)
            {
                Check(Run.Command("certutil", "-d", "sql:" + profile, "-A", "-t", "C,,", "-n", "loopbacktools-test", "-i", _ca.RootPem));
            }

            var environment = new TrustEnvironment(new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" }, home);
            var model = cases.Select(c => new LocalhostCertificateCheck().CheckAsync(
                new LocalhostCertificateOptions(c.Port) { Name = c.Name, Timeout = TimeSpan.FromSeconds(5), Environment = environment },
                CancellationToken.None).GetAwaiter().GetResult().Single(r => r.Client == TlsClient.Firefox)).ToArray();
            var real = Firefox(home, profile, cases.Select(c => Url(c.Name, c.Port)).ToArray());
            for (var i = 0; i < cases.Length; i++)
            {
                var accepts = model[i].Status is ConnectionStatus.Pass or ConnectionStatus.Warn;
                var (loaded, line) = real[i];
                _output.WriteLine($"{profileLabel}, {cases[i].Label} | Firefox | real: {(loaded ? "accepts" : "rejects")} ({line}) | model: {model[i].Status} - {model[i].Finding}");
                if (model[i].Status == ConnectionStatus.Skipped || accepts != loaded || (!loaded && !line.StartsWith("CERTERROR", StringComparison.Ordinal)))
                {
                    disagreements.Add($"{profileLabel}, {cases[i].Label}: real {line}; model {model[i].Status}: {model[i].Finding} [{string.Join("; ", model[i].Evidence)}]");
                }
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    [RequiresFact("python3", "firefox", "unshare")]
    public void Firefox_refuses_exactly_the_ports_on_its_list()
    {
        var ports = new[] { 6000, 4190, 6679, 10080, 8080 };
        var servers = ports.Select(port =>
        {
            var www = Path.Combine(_folder, "www-" + port.ToString(CultureInfo.InvariantCulture));
            Directory.CreateDirectory(www);
            File.WriteAllText(Path.Combine(www, "index.html"), "<html><body>loopbacktools-marker</body></html>");
            var server = new BackgroundProcess("python3", new[] { "-m", "http.server", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", www });
            server.WaitUntil(() => { using var c = new System.Net.Sockets.TcpClient(); c.Connect(IPAddress.Loopback, port); return true; }, TimeSpan.FromSeconds(10), "http.server listens");
            return server;
        }).ToArray();
        try
        {
            var home = Path.Combine(_folder, "home-ports");
            var profile = Path.Combine(home, ".mozilla", "firefox", "test.default");
            Directory.CreateDirectory(profile);
            var real = Firefox(home, profile, ports.Select(p => $"http://127.0.0.1:{p}/").ToArray());
            var disagreements = new List<string>();
            for (var i = 0; i < ports.Length; i++)
            {
                var listed = BrowserRestrictedPorts.Firefox.Contains(ports[i]);
                var (opened, line) = real[i];
                var refused = line.Contains("deniedPortAccess", StringComparison.Ordinal);
                _output.WriteLine($"port {ports[i]} | Firefox | real: {(opened ? "opened" : refused ? "refused (deniedPortAccess)" : "other")} | data: {(listed ? "restricted" : "open")}");
                if (opened == listed || (!opened && !refused))
                {
                    disagreements.Add($"port {ports[i]}: {line}; the data says {(listed ? "restricted" : "open")}");
                }
            }

            Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
        }
        finally
        {
            foreach (var server in servers)
            {
                server.Dispose();
            }
        }
    }

    private static string Url(string name, int port) => $"https://{name}:{port}/";

    /// <summary>Every URL in one headless Firefox on <paramref name="profile"/>: (loaded, the script's line) per URL, in order.</summary>
    private static (bool Loaded, string Line)[] Firefox(string home, string profile, string[] urls)
    {
        var arguments = new[] { "--mount", "--propagation", "private", "env", "HOME=" + home, "python3", Infrastructure.RepoPaths.Fixture("tls", "firefox_fetch.py"), profile }.Concat(urls);
        var result = Run.Command("unshare", arguments, TimeSpan.FromSeconds(240));
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == urls.Length, $"firefox_fetch.py: exit {result.ExitCode}\n{result.Output}\n{result.Error}");
        return lines.Select(l => (l.StartsWith("ok ", StringComparison.Ordinal), l)).ToArray();
    }

    private BackgroundProcess Serve(string pem, string key, out int port)
    {
        var chosen = FreePort.Tcp();
        port = chosen;
        var server = new BackgroundProcess("openssl", new[] { "s_server", "-accept", $"127.0.0.1:{chosen}", "-cert", pem, "-key", key, "-www", "-quiet" });
        server.WaitUntil(() => { using var c = new System.Net.Sockets.TcpClient(); c.Connect(IPAddress.Loopback, chosen); return true; }, TimeSpan.FromSeconds(10), "s_server listens");
        return server;
    }

    private static void Check(ProcessResult result) => Assert.True(result.ExitCode == 0, result.Output + result.Error);
}
