using System.Net;
using LoopbackTools.Certificate;
using LoopbackTools.Tests.Components;
using LoopbackTools.Trust;
using Xunit.Abstractions;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// The trust model against the real clients: for each case a real openssl s_server presents a certificate, the CA
/// goes into exactly the stores the case names, and every family's verdict from Test-LocalhostCertificate's engine
/// must equal what curl, python3-requests, node fetch, .NET HttpClient (pwsh) and headless Chromium do. Sealed only.
/// </summary>
[Collection(TlsClientCollection.Name)]
public sealed class TlsClientAgreementTests : IDisposable
{
    private static readonly TlsClient[] Clients = { TlsClient.Curl, TlsClient.PythonRequests, TlsClient.Node, TlsClient.DotNet, TlsClient.Java, TlsClient.Chromium };
    private readonly ITestOutputHelper _output;
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-tls-").FullName;
    private readonly TestAuthority _ca;

    public TlsClientAgreementTests(ITestOutputHelper output)
    {
        _output = output;
        _ca = new TestAuthority(Path.Combine(_folder, "ca"));
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void CaOnlyInNodeExtraCerts_OnlyNodeAccepts()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback, IPAddress.IPv6Loopback });
        var verdicts = Agree("CA in NODE_EXTRA_CA_CERTS only", leaf.Pem, leaf.Key, null, "localhost", Placement.NodeExtra, _ca.RootPem);
        Assert.True(verdicts[TlsClient.Node]);
        Assert.False(verdicts[TlsClient.Curl]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void CaOnlyInTheSystemBundle_NodeAndChromiumReject()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback, IPAddress.IPv6Loopback });
        var verdicts = Agree("CA in the system bundle only", leaf.Pem, leaf.Key, null, "localhost", Placement.SystemBundle, _ca.RootPem);
        Assert.True(verdicts[TlsClient.Curl]);
        Assert.False(verdicts[TlsClient.Node]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void CaOnlyInRequestsBundle_OnlyPythonAccepts()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, Array.Empty<IPAddress>());
        var verdicts = Agree("CA in REQUESTS_CA_BUNDLE only", leaf.Pem, leaf.Key, null, "localhost", Placement.RequestsBundle, _ca.RootPem);
        Assert.True(verdicts[TlsClient.PythonRequests]);
        Assert.False(verdicts[TlsClient.DotNet]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void CaOnlyInTheNssDatabase_OnlyChromiumAccepts()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, Array.Empty<IPAddress>());
        var verdicts = Agree("CA in ~/.pki/nssdb only", leaf.Pem, leaf.Key, null, "localhost", Placement.Nss, _ca.RootPem);
        Assert.True(verdicts[TlsClient.Chromium]);
        Assert.False(verdicts[TlsClient.Curl]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void CaOnlyInAJavaKeystore_OnlyJavaAccepts()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("CA in a JKS named by JAVA_TOOL_OPTIONS only", leaf.Pem, leaf.Key, null, "localhost", Placement.JavaStore, _ca.RootPem);
        Assert.True(verdicts[TlsClient.Java]);
        Assert.False(verdicts[TlsClient.Node]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void CaEverywhere_AllAccept()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("CA everywhere", leaf.Pem, leaf.Key, null, "localhost", Placement.Everywhere, _ca.RootPem);
        Assert.All(verdicts.Values, Assert.True);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void ExpiredLeaf_AllReject()
    {
        var leaf = _ca.Leaf("expired", new[] { "localhost" }, new[] { IPAddress.Loopback }, DateTimeOffset.UtcNow.AddDays(-25), DateTimeOffset.UtcNow.AddDays(-2));
        var verdicts = Agree("expired leaf, CA everywhere", leaf.Pem, leaf.Key, null, "localhost", Placement.Everywhere, _ca.RootPem);
        Assert.All(verdicts.Values, Assert.False);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void NoIpNames_ByAddressAllReject()
    {
        var leaf = _ca.Leaf("noip", new[] { "localhost" }, Array.Empty<IPAddress>());
        var verdicts = Agree("no IP names, https://127.0.0.1, CA everywhere", leaf.Pem, leaf.Key, null, "127.0.0.1", Placement.Everywhere, _ca.RootPem);
        Assert.All(verdicts.Values, Assert.False);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void SelfSignedLeafTrustedNowhere_AllReject()
    {
        var leaf = _ca.Leaf("self", new[] { "localhost" }, new[] { IPAddress.Loopback }, selfSigned: true);
        var verdicts = Agree("self-signed leaf, trusted nowhere", leaf.Pem, leaf.Key, null, "localhost", Placement.None, leaf.Pem);
        Assert.All(verdicts.Values, Assert.False);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void IntermediateNotSent_AllReject()
    {
        var intermediate = _ca.Intermediate();
        var leaf = _ca.Leaf("viaintermediate", new[] { "localhost" }, new[] { IPAddress.Loopback }, issuer: intermediate.Certificate);
        var verdicts = Agree("intermediate not sent, root everywhere", leaf.Pem, leaf.Key, null, "localhost", Placement.Everywhere, _ca.RootPem);
        Assert.All(verdicts.Values, Assert.False);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void IntermediateSent_AllAccept()
    {
        var intermediate = _ca.Intermediate();
        var leaf = _ca.Leaf("viaintermediate", new[] { "localhost" }, new[] { IPAddress.Loopback }, issuer: intermediate.Certificate);
        var verdicts = Agree("intermediate sent, root everywhere", leaf.Pem, leaf.Key, intermediate.Pem, "localhost", Placement.Everywhere, _ca.RootPem);
        Assert.All(verdicts.Values, Assert.True);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void NodeUseOpensslCa_CaInTheSystemBundleOnly_NodeStillRejects()
    {
        // The node here carries its own OpenSSL built for /etc/ssl: --use-openssl-ca reads /etc/ssl/cert.pem and the
        // hash-named files of /etc/ssl/certs, never Debian's ca-certificates.crt.
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("NODE_OPTIONS=--use-openssl-ca, CA in the system bundle only", leaf.Pem, leaf.Key, null, "localhost", Placement.SystemBundle, _ca.RootPem,
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--use-openssl-ca" });
        Assert.True(verdicts[TlsClient.Curl]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void NodeUseOpensslCa_SslCertFileNamesTheCa_NodeAccepts()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("NODE_OPTIONS=--use-openssl-ca, SSL_CERT_FILE=<ca>", leaf.Pem, leaf.Key, null, "localhost", Placement.None, _ca.RootPem,
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--use-openssl-ca", ["SSL_CERT_FILE"] = _ca.RootPem });
        Assert.True(verdicts[TlsClient.Node]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void NodeUseSystemCaVariable_IgnoredByThisNode()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("NODE_USE_SYSTEM_CA=1, CA in the system bundle only", leaf.Pem, leaf.Key, null, "localhost", Placement.SystemBundle, _ca.RootPem,
            new Dictionary<string, string> { ["NODE_USE_SYSTEM_CA"] = "1" });
        Assert.Equal(NodeTrustReader.KnowsSystemCaVariable(NodeVersion()), verdicts[TlsClient.Node]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void NodeUseSystemCaOption_InNodeOptions_ThisNodeDoesNotStart()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("NODE_OPTIONS=--use-system-ca, CA in the system bundle and hashed in /etc/ssl/certs", leaf.Pem, leaf.Key, null, "localhost", Placement.SystemBundle | Placement.HashedFolder, _ca.RootPem,
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--use-system-ca" });
        Assert.Equal(NodeTrustReader.KnowsSystemCaOption(NodeVersion()), verdicts[TlsClient.Node]);
    }

    [RequiresFact("openssl", "curl", "python3", "node", "certutil", "chromium", "java", "keytool", "unshare")]
    public void NodeUseOpensslCa_CaHashedInTheSystemFolder_NodeAccepts()
    {
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback });
        var verdicts = Agree("NODE_OPTIONS=--use-openssl-ca, CA hashed in /etc/ssl/certs only", leaf.Pem, leaf.Key, null, "localhost", Placement.HashedFolder, _ca.RootPem,
            new Dictionary<string, string> { ["NODE_OPTIONS"] = "--use-openssl-ca" });
        Assert.True(verdicts[TlsClient.Node]);
        Assert.True(verdicts[TlsClient.Curl]);
    }

    private static Version NodeVersion() => Version.Parse(Run.Command("node", "--version").Output.Trim().TrimStart('v'));

    /// <summary>Serves the leaf, places <paramref name="trusted"/>, runs every real client and the model; asserts they agree and returns the real verdicts.</summary>
    private Dictionary<TlsClient, bool> Agree(string label, string leafPem, string keyPem, string? chainPem, string name, Placement placement, string trusted, IDictionary<string, string>? set = null)
    {
        var home = Path.Combine(_folder, "home-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(home);
        var variables = new Dictionary<string, string> { ["PATH"] = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin" };
        foreach (var (key, value) in set ?? new Dictionary<string, string>())
        {
            variables[key] = value;
        }

        string? bundle = null;
        var paths = new Dictionary<string, string>();
        if (placement.HasFlag(Placement.SystemBundle))
        {
            bundle = Path.Combine(_folder, "bundle-" + Guid.NewGuid().ToString("N") + ".crt");
            File.WriteAllText(bundle, File.ReadAllText(RealTlsClients.SystemBundle) + File.ReadAllText(trusted));
            paths[RealTlsClients.SystemBundle] = bundle;
        }

        string? folder = null;
        if (placement.HasFlag(Placement.HashedFolder))
        {
            folder = Path.Combine(_folder, "certs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(folder);
            Check(Run.Command("cp", "-a", RealTlsClients.SystemFolder + "/.", folder));
            var hash = Run.Command("openssl", "x509", "-noout", "-subject_hash", "-in", trusted).Output.Trim();
            File.Copy(trusted, Path.Combine(folder, hash + ".0"));
            paths[RealTlsClients.SystemFolder] = folder;
            if (bundle is not null)
            {
                // The bundle rides inside the folder copy (so the folder's bind does not hide it) and is bound over it too.
                File.Copy(bundle, Path.Combine(folder, Path.GetFileName(RealTlsClients.SystemBundle)), overwrite: true);
            }
        }

        if (placement.HasFlag(Placement.NodeExtra))
        {
            variables["NODE_EXTRA_CA_CERTS"] = trusted;
        }

        if (placement.HasFlag(Placement.RequestsBundle))
        {
            variables["REQUESTS_CA_BUNDLE"] = trusted;
        }

        if (placement.HasFlag(Placement.Nss))
        {
            var nss = Path.Combine(home, ".pki", "nssdb");
            Directory.CreateDirectory(nss);
            Check(Run.Command("certutil", "-d", "sql:" + nss, "-N", "--empty-password"));
            Check(Run.Command("certutil", "-d", "sql:" + nss, "-A", "-t", "C,,", "-n", "loopbacktools-test", "-i", trusted));
        }

        if (placement.HasFlag(Placement.JavaStore))
        {
            var store = Path.Combine(home, "trust.jks");
            Check(Run.Command("keytool", "-importcert", "-noprompt", "-keystore", store, "-storetype", "JKS", "-storepass", "changeit", "-alias", "loopbacktools-test", "-file", trusted));
            variables["JAVA_TOOL_OPTIONS"] = "-Djavax.net.ssl.trustStore=" + store;
        }

        var port = FreePort.Tcp();
        var serverArguments = new List<string> { "s_server", "-accept", $"127.0.0.1:{port}", "-cert", leafPem, "-key", keyPem, "-www", "-quiet" };
        if (chainPem is not null)
        {
            serverArguments.AddRange(new[] { "-cert_chain", chainPem });
        }

        using var server = new BackgroundProcess("openssl", serverArguments);
        server.WaitUntil(() => { using var c = new System.Net.Sockets.TcpClient(); c.Connect(IPAddress.Loopback, port); return true; }, TimeSpan.FromSeconds(10), "s_server listens");

        var model = new LocalhostCertificateCheck().CheckAsync(
            new LocalhostCertificateOptions(port) { Name = name, Timeout = TimeSpan.FromSeconds(5), Environment = new TrustEnvironment(variables, home, paths) },
            CancellationToken.None).GetAwaiter().GetResult().ToDictionary(r => r.Client);
        var url = $"https://{(name.Contains(':') ? "[" + name + "]" : name)}:{port}/";
        var real = new Dictionary<TlsClient, bool>();
        var disagreements = new List<string>();
        foreach (var client in Clients)
        {
            real[client] = RealTlsClients.Accepts(client, url, home, bundle, variables, folder);
            var row = model[client];
            var modelAccepts = row.Status is ConnectionStatus.Pass or ConnectionStatus.Warn;
            _output.WriteLine($"{label} | {client} | real: {(real[client] ? "accepts" : "rejects")} | model: {row.Status} - {row.Finding}");
            if (row.Status == ConnectionStatus.Skipped || modelAccepts != real[client])
            {
                disagreements.Add($"{client}: real {(real[client] ? "accepts" : "rejects")}, model {row.Status}: {row.Finding} [{string.Join("; ", row.Evidence)}]");
            }
        }

        Assert.True(disagreements.Count == 0, label + ":\n" + string.Join("\n", disagreements) + "\n" + server.Log);
        return real;
    }

    private static void Check(ProcessResult result) => Assert.True(result.ExitCode == 0, result.Output + result.Error);
}
