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
