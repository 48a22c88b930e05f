using System.Net;
using LoopbackTools.Certificate;
using LoopbackTools.Tests.Components;
using LoopbackTools.Trust;

namespace LoopbackTools.Tests.Certificate;

/// <summary>The store readers against stores made by the real tools (certutil, keytool), and the name rules.</summary>
public sealed class TrustStoreReadingTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-stores-").FullName;
    private readonly TestAuthority _ca;
    private readonly TestAuthority _other;

    public TrustStoreReadingTests()
    {
        _ca = new TestAuthority(Path.Combine(_folder, "ca"));
        _other = new TestAuthority(Path.Combine(_folder, "other"), "LoopbackTools Other Root");
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [RequiresFact("certutil", NeedsRoot = false)]
    public void An_nss_database_yields_only_what_it_trusts_for_servers()
    {
        var db = Path.Combine(_folder, "nssdb");
        Directory.CreateDirectory(db);
        Assert.Equal(0, Run.Command("certutil", "-d", "sql:" + db, "-N", "--empty-password").ExitCode);
        Assert.Equal(0, Run.Command("certutil", "-d", "sql:" + db, "-A", "-t", "C,,", "-n", "trusted root", "-i", _ca.RootPem).ExitCode);
        Assert.Equal(0, Run.Command("certutil", "-d", "sql:" + db, "-A", "-t", ",,", "-n", "known only", "-i", _other.RootPem).ExitCode);

        var trusted = NssDatabase.ReadTrusted(Component.Find("certutil")!, db);

        Assert.Equal(new[] { _ca.Root.Thumbprint }, trusted.Select(c => c.Thumbprint).ToArray());
    }

    [RequiresFact("keytool", NeedsRoot = false)]
    public void A_jks_keystore_made_by_keytool_yields_its_trusted_certificates()
    {
        var store = Path.Combine(_folder, "trust.jks");
        foreach (var (alias, pem) in new[] { ("one", _ca.RootPem), ("two", _other.RootPem) })
        {
            Assert.Equal(0, Run.Command("keytool", "-importcert", "-noprompt", "-keystore", store, "-storetype", "JKS", "-storepass", "changeit", "-alias", alias, "-file", pem).ExitCode);
        }

        var read = JavaKeyStore.Read(store);

        Assert.Equal(new[] { _ca.Root.Thumbprint, _other.Root.Thumbprint }.OrderBy(t => t), read.Select(c => c.Thumbprint).OrderBy(t => t));
    }

    [Fact]
    public void Firefox_policies_come_from_the_etc_file_alone_when_it_exists_and_name_their_install_files()
    {
        var home = Path.Combine(_folder, "home");
        Directory.CreateDirectory(Path.Combine(home, ".mozilla", "certificates"));
        File.Copy(_other.RootPem, Path.Combine(home, ".mozilla", "certificates", "other.pem"));
        var distribution = _ca.Write("distribution.json", "{\"policies\":{\"Certificates\":{\"Install\":[" + Newtonsoft.Json.JsonConvert.ToString(_ca.RootPem) + ", \"other.pem\", \"gone.pem\"],\"ImportEnterpriseRoots\":true}}}");
        var etc = _ca.Write("etc.json", "{\"policies\":{\"Certificates\":{\"Install\":[\"other.pem\"]}}}");
        var broken = _ca.Write("broken.json", "{\"policies\":");
        var absent = Path.Combine(_folder, "absent.json");
        TrustEnvironment With(string system, string esr) => new(new Dictionary<string, string>(), home, new Dictionary<string, string>
        {
            [FirefoxPolicies.SystemFile] = system,
            ["/usr/lib/firefox-esr/distribution/policies.json"] = esr,
            ["/usr/lib/firefox/distribution/policies.json"] = absent,
            ["/opt/firefox/distribution/policies.json"] = absent,
            ["/usr/lib/mozilla/certificates/other.pem"] = absent,
            ["/usr/lib64/mozilla/certificates/other.pem"] = absent,
            ["/usr/lib/mozilla/certificates/gone.pem"] = absent,
            ["/usr/lib64/mozilla/certificates/gone.pem"] = absent,
        });

        var fromDistribution = FirefoxPolicies.InstalledRoots(With(absent, distribution)).ToArray();
        Assert.Equal(new[] { _ca.Root.Thumbprint }, fromDistribution[0].Certificates.Select(c => c.Thumbprint));
        Assert.Equal("Certificates.Install in /usr/lib/firefox-esr/distribution/policies.json: " + _ca.RootPem, fromDistribution[0].Where);
        Assert.Equal(new[] { _other.Root.Thumbprint }, fromDistribution[1].Certificates.Select(c => c.Thumbprint));
        Assert.StartsWith("does not exist in /usr/lib/mozilla/certificates, /usr/lib64/mozilla/certificates, " + home, fromDistribution[2].Unreadable, StringComparison.Ordinal);
        Assert.Contains("does nothing on Linux", Assert.Single(FirefoxPolicies.IgnoredEnterpriseRoots(With(absent, distribution))), StringComparison.Ordinal);

        var fromEtc = Assert.Single(FirefoxPolicies.InstalledRoots(With(etc, distribution)));
        Assert.StartsWith("Certificates.Install in /etc/firefox/policies/policies.json: ", fromEtc.Where, StringComparison.Ordinal);
        Assert.Empty(FirefoxPolicies.IgnoredEnterpriseRoots(With(etc, distribution)));

        Assert.StartsWith("not valid JSON", Assert.Single(FirefoxPolicies.InstalledRoots(With(broken, distribution))).Unreadable, StringComparison.Ordinal);
        Assert.Empty(FirefoxPolicies.InstalledRoots(With(absent, absent)));
    }

    [Fact]
    public void An_empty_bundle_file_holds_no_certificate()
    {
        // SSL_CERT_FILE pointing at an empty file: no certificate, not an empty object whose Thumbprint throws.
        Assert.Empty(CertificateFiles.Parse(Array.Empty<byte>()));
    }

    [Fact]
    public void Openssl_folders_are_read_by_hash_name_only_and_dotnet_reads_every_file()
    {
        var folder = Path.Combine(_folder, "certs");
        Directory.CreateDirectory(folder);
        File.Copy(_ca.RootPem, Path.Combine(folder, "0a1b2c3d.0"));
        File.Copy(_other.RootPem, Path.Combine(folder, "dropped-in.pem"));

        Assert.Single(CertificateFiles.ReadHashedFolder(folder));
        Assert.Equal(2, CertificateFiles.ReadWholeFolder(folder).Length);
    }

    [Theory]
    [InlineData("localhost", true)]
    [InlineData("LOCALHOST", true)]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", false)]
    [InlineData("app.dev.test", true)]
    [InlineData("a.b.dev.test", false)]
    [InlineData("dev.test", false)]
    public void Names_match_as_clients_match_them(string asked, bool matches)
    {
        Assert.Equal(matches, HostNameMatch.Matches(asked, new[] { "localhost", "*.dev.test" }, new[] { "127.0.0.1" }));
    }

    [Fact]
    public void A_path_through_a_sent_intermediate_reaches_the_trusted_root()
    {
        var intermediate = _ca.Intermediate();
        var leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback }, issuer: intermediate.Certificate);
        var trust = new ClientTrust(TlsClient.Node, new[] { new TrustSource("test", new[] { _ca.Root }) });

        var sent = TrustPath.Walk(leaf.Certificate, new[] { System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(intermediate.Certificate.RawData) }, trust);
        var notSent = TrustPath.Walk(leaf.Certificate, Array.Empty<System.Security.Cryptography.X509Certificates.X509Certificate2>(), trust);

        Assert.True(sent.Trusted);
        Assert.False(notSent.Trusted);
        Assert.True(notSent.IssuerMissing);
    }
}
