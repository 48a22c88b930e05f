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

    /// <summary>
    /// Firefox's enterprise policies (decision 123), each case in its own Firefox on a profile with an empty cert9.db: the
    /// policies.json is bind-mounted over firefox-esr's distribution folder (or /etc gets an overlay holding
    /// /etc/firefox/policies) inside the private mount namespace only; the model reads the same files by path mapping.
    /// </summary>
    [RequiresFact("openssl", "python3", "firefox", "certutil", "unshare")]
    public void Firefox_accepts_exactly_what_the_model_says_from_its_enterprise_policies()
    {
        Assert.True(Directory.Exists(Distribution), $"{Distribution} is where Debian's firefox-esr reads distribution/policies.json");
        var valid = _ca.Leaf("valid", new[] { "localhost" }, new[] { IPAddress.Loopback });
        using var server = Serve(valid.Pem, valid.Key, out var port);
        var missing = Path.Combine(_folder, "no-such-ca.pem");
        var bundle = _ca.Write("bundle.crt", File.ReadAllText("/etc/ssl/certs/ca-certificates.crt") + File.ReadAllText(_ca.RootPem));
        var cases = new (string Label, string Distribution, string? System, bool ByName, bool InBundle)[]
        {
            ("CA only in an Install policy (absolute path)", Install(_ca.RootPem), null, false, false),
            ("CA only in an Install policy (a name found in ~/.mozilla/certificates)", Install("loopbacktools-ca.pem"), null, true, false),
            ("Install policy naming a missing file", Install(missing), null, false, false),
            ("ImportEnterpriseRoots true, CA only in the system bundle", "{\"policies\":{\"Certificates\":{\"ImportEnterpriseRoots\":true}}}", null, false, true),
            ("/etc/firefox policy naming a missing file, distribution's naming the CA", Install(_ca.RootPem), Install(missing), false, false),
        };

        var disagreements = new List<string>();
        for (var i = 0; i < cases.Length; i++)
        {
            var c = cases[i];
            var home = Path.Combine(_folder, "home-policy-" + i.ToString(CultureInfo.InvariantCulture));
            var profile = Path.Combine(home, ".mozilla", "firefox", "test.default");
            Directory.CreateDirectory(profile);
            Check(Run.Command("certutil", "-d", "sql:" + profile, "-N", "--empty-password"));
            if (c.ByName)
            {
                Directory.CreateDirectory(Path.Combine(home, ".mozilla", "certificates"));
                File.Copy(_ca.RootPem, Path.Combine(home, ".mozilla", "certificates", "loopbacktools-ca.pem"));
            }

            var distribution = Directory.CreateDirectory(Path.Combine(_folder, "distribution-" + i.ToString(CultureInfo.InvariantCulture))).FullName;
            File.WriteAllText(Path.Combine(distribution, "policies.json"), c.Distribution);
            var etc = Directory.CreateDirectory(Path.Combine(_folder, "etc-" + i.ToString(CultureInfo.InvariantCulture))).FullName;
            if (c.System is not null)
            {
                File.WriteAllText(Path.Combine(etc, "policies.json"), c.System);
            }

            var setup = $"mount --bind '{distribution}' {Distribution} || exit 99; "
                + (c.InBundle ? $"mount --bind '{bundle}' /etc/ssl/certs/ca-certificates.crt || exit 99; " : string.Empty)
                + (c.System is null ? string.Empty : $"mkdir -p '{etc}/up' '{etc}/work' && mount -t overlay overlay -o lowerdir=/etc,upperdir='{etc}/up',workdir='{etc}/work' /etc && mkdir -p /etc/firefox/policies && cp '{etc}/policies.json' /etc/firefox/policies/ || exit 99; ");
            var paths = new Dictionary<string, string>
            {
                [Distribution + "/policies.json"] = Path.Combine(distribution, "policies.json"),
                [FirefoxPolicies.SystemFile] = Path.Combine(etc, "policies.json"),
                ["/usr/lib/firefox/distribution/policies.json"] = missing,
                ["/opt/firefox/distribution/policies.json"] = missing,
                ["/etc/ssl/certs/ca-certificates.crt"] = c.InBundle ? bundle : "/etc/ssl/certs/ca-certificates.crt",
            };
            var environment = new TrustEnvironment(new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" }, home, paths);
            var model = new LocalhostCertificateCheck().CheckAsync(
                new LocalhostCertificateOptions(port) { Name = "localhost", Timeout = TimeSpan.FromSeconds(5), Environment = environment },
                CancellationToken.None).GetAwaiter().GetResult().Single(r => r.Client == TlsClient.Firefox);
            var (loaded, line) = Firefox(home, profile, new[] { Url("localhost", port) }, setup)[0];
            var accepts = model.Status is ConnectionStatus.Pass or ConnectionStatus.Warn;
            _output.WriteLine($"{c.Label} | Firefox | real: {(loaded ? "accepts" : "rejects")} ({line}) | model: {model.Status} - {model.Finding} [{string.Join("; ", model.Evidence)}]");
            if (model.Status == ConnectionStatus.Skipped || accepts != loaded || (!loaded && !line.StartsWith("CERTERROR", StringComparison.Ordinal)))
            {
                disagreements.Add($"{c.Label}: real {line}; model {model.Status}: {model.Finding} [{string.Join("; ", model.Evidence)}]");
            }

            if (!loaded && !model.Finding.Contains("Certificates.Install in ", StringComparison.Ordinal))
            {
                disagreements.Add($"{c.Label}: the Fail's fix does not name the Install policy: {model.Finding}");
            }
        }

        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements));
    }

    /// <summary>Debian's firefox-esr installation folder's distribution folder (a link into /usr/share; mount follows it).</summary>
    private const string Distribution = "/usr/lib/firefox-esr/distribution";

    private static string Install(string file) => "{\"policies\":{\"Certificates\":{\"Install\":[" + Newtonsoft.Json.JsonConvert.ToString(file) + "]}}}";

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

    /// <summary>Every URL in one headless Firefox on <paramref name="profile"/>, after the shell <paramref name="setup"/> in its mount namespace: (loaded, the script's line) per URL, in order.</summary>
    private static (bool Loaded, string Line)[] Firefox(string home, string profile, string[] urls, string setup = "")
    {
        var arguments = new[] { "--mount", "--propagation", "private", "sh", "-c", setup + "exec \"$@\"", "sh", "env", "HOME=" + home, "python3", Infrastructure.RepoPaths.Fixture("tls", "firefox_fetch.py"), profile }.Concat(urls);
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
