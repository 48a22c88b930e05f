using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using LoopbackTools.Certificate;
using LoopbackTools.Connection;
using LoopbackTools.Trust;

namespace LoopbackTools.Tests.Certificate;

/// <summary>
/// Windows' Root stores and macOS' keychains, judged from fixtures laid out like their real exports (reg export;
/// security find-certificate / trust-settings-export): per case, each family's verdict and the fix a Fail names.
/// </summary>
public sealed class OsTrustStoreTests : IDisposable
{
    private const string UserRoot = @"HKEY_CURRENT_USER\Software\Microsoft\SystemCertificates\Root";
    private const string MachineRoot = @"HKEY_LOCAL_MACHINE\SOFTWARE\Microsoft\SystemCertificates\ROOT";
    private const string MachinePolicyRoot = @"HKEY_LOCAL_MACHINE\SOFTWARE\Policies\Microsoft\SystemCertificates\Root";
    private readonly string _folder = Directory.CreateTempSubdirectory("lbt-oscerts-").FullName;
    private readonly TestAuthority _ca;
    private readonly TestAuthority _other;
    private readonly X509Certificate2 _leaf;

    public OsTrustStoreTests()
    {
        _ca = new TestAuthority(Path.Combine(_folder, "ca"));
        _other = new TestAuthority(Path.Combine(_folder, "other"), "LoopbackTools Other Root");
        _leaf = _ca.Leaf("leaf", new[] { "localhost" }, new[] { IPAddress.Loopback }).Certificate;
    }

    public void Dispose() => Directory.Delete(_folder, true);

    [Fact]
    public void A_serialized_certificate_is_found_after_the_cached_properties()
    {
        Assert.Equal(_ca.Root.Thumbprint, SerializedCertificate.Parse(WindowsRegExport.Blob(_ca.Root)).Thumbprint);
        Assert.Throws<InvalidDataException>(() => SerializedCertificate.Parse(WindowsRegExport.Blob(_ca.Root)[..100]));
        Assert.Throws<InvalidDataException>(() => SerializedCertificate.Parse(WindowsRegExport.Blob(_ca.Root)[..(12 + 20)]));
    }

    [Fact]
    public void A_reg_export_is_utf16_with_wrapped_hex_lines_as_regedit_writes_it()
    {
        var file = WindowsRegExport.Write(Path.Combine(_folder, "user-root.reg"), UserRoot, _ca.Root);
        var bytes = File.ReadAllBytes(file);
        var text = File.ReadAllText(file);

        Assert.Equal(new byte[] { 0xff, 0xfe }, bytes[..2]);
        Assert.StartsWith("Windows Registry Editor Version 5.00\r\n", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n").Where(l => !l.StartsWith('[')), line => Assert.True(line.Length <= 80, line)); // key lines are never wrapped
        Assert.Contains($"[{UserRoot}\\Certificates\\{_ca.Root.Thumbprint}]\r\n\"Blob\"=hex:03,00,00,00,01,00,00,00,14,00,00,00,", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(UserRoot, @"Cert:\CurrentUser\Root")]
    [InlineData(MachineRoot, @"Cert:\LocalMachine\Root")]
    [InlineData(MachinePolicyRoot, "the machine's Group Policy roots")]
    public void Windows_a_ca_in_a_root_store_is_trusted_by_dotnet_chromium_and_schannel_curl(string storeKey, string store)
    {
        var verdicts = JudgeWindows(WindowsRegExport.Write(Path.Combine(_folder, "store.reg"), storeKey, _other.Root, _ca.Root));

        foreach (var client in new[] { TlsClient.Curl, TlsClient.DotNet, TlsClient.Chromium })
        {
            Assert.Equal(ConnectionStatus.Pass, verdicts[client].Status);
            Assert.StartsWith($"trusted: LoopbackTools Test Root is in {store} (", verdicts[client].Finding, StringComparison.Ordinal);
        }

        Assert.Equal(ConnectionStatus.Skipped, verdicts[TlsClient.Firefox].Status);
        Assert.Contains("enterprise roots", verdicts[TlsClient.Firefox].Finding, StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_a_ca_in_no_root_store_is_rejected_and_the_fix_adds_it_to_the_users_root()
    {
        var verdicts = JudgeWindows(WindowsRegExport.Write(Path.Combine(_folder, "store.reg"), UserRoot, _other.Root));

        foreach (var client in new[] { TlsClient.Curl, TlsClient.DotNet, TlsClient.Chromium })
        {
            Assert.Equal(ConnectionStatus.Fail, verdicts[client].Status);
            Assert.Contains(@"is not in Cert:\CurrentUser\Root", verdicts[client].Finding, StringComparison.Ordinal);
            Assert.EndsWith(@"certutil -addstore -user Root <LoopbackTools-Test-Root.pem>, or Import-Certificate -FilePath <LoopbackTools-Test-Root.pem> -CertStoreLocation Cert:\CurrentUser\Root", verdicts[client].Finding, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Windows_the_dotnet_development_certificate_is_fixed_by_dev_certs_trust()
    {
        var devCert = DevelopmentCertificate();
        var untrusted = JudgeWindows(WindowsRegExport.Write(Path.Combine(_folder, "none.reg"), UserRoot, _other.Root), devCert);
        var trusted = JudgeWindows(WindowsRegExport.Write(Path.Combine(_folder, "trusted.reg"), UserRoot, devCert), devCert);

        Assert.Equal(ConnectionStatus.Fail, untrusted[TlsClient.DotNet].Status);
        Assert.EndsWith("dotnet dev-certs https --trust", untrusted[TlsClient.DotNet].Finding, StringComparison.Ordinal);
        Assert.Equal(ConnectionStatus.Pass, trusted[TlsClient.DotNet].Status);
        Assert.Equal(ConnectionStatus.Pass, trusted[TlsClient.Chromium].Status);
    }

    [Fact]
    public void Mac_a_ca_in_the_system_keychain_without_trust_settings_is_not_trusted()
    {
        var verdicts = JudgeMac(MacSecurityOutput.Snapshot(new[] { _ca.Root }, Array.Empty<X509Certificate2>()));

        foreach (var client in new[] { TlsClient.DotNet, TlsClient.Chromium })
        {
            Assert.Equal(ConnectionStatus.Fail, verdicts[client].Status);
            Assert.EndsWith("sudo security add-trusted-cert -d -r trustRoot -k /Library/Keychains/System.keychain <LoopbackTools-Test-Root.pem>", verdicts[client].Finding, StringComparison.Ordinal);
            Assert.Contains("'LoopbackTools Test Root' in System.keychain has no trust settings: a keychain alone does not make it trusted", verdicts[client].Evidence);
        }

        Assert.Equal(ConnectionStatus.Skipped, verdicts[TlsClient.Firefox].Status);
    }

    [Theory]
    [InlineData("")] // security add-trusted-cert -d -r trustRoot without -p: trusted for everything
    [InlineData("ssl")] // mkcert's settings: sslServer and basicX509, each TrustRoot
    public void Mac_a_ca_with_admin_trust_settings_is_trusted(string constraints)
    {
        var settings = constraints.Length == 0 ? string.Empty : string.Format(MacSecurityOutput.SslServer, 1) + "\n\t\t\t\t" + string.Format(MacSecurityOutput.BasicX509, 1);
        var verdicts = JudgeMac(MacSecurityOutput.Snapshot(new[] { _other.Root, _ca.Root }, Array.Empty<X509Certificate2>(), admin: MacSecurityOutput.TrustSettingsExport((_ca.Root, settings))));

        foreach (var client in new[] { TlsClient.DotNet, TlsClient.Chromium })
        {
            Assert.Equal(ConnectionStatus.Pass, verdicts[client].Status);
            Assert.StartsWith("trusted: LoopbackTools Test Root is in the admin trust settings (security trust-settings-export -d) over System.keychain", verdicts[client].Finding, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Mac_a_ca_in_the_login_keychain_with_user_trust_settings_is_trusted()
    {
        var verdicts = JudgeMac(MacSecurityOutput.Snapshot(Array.Empty<X509Certificate2>(), new[] { _ca.Root }, user: MacSecurityOutput.TrustSettingsExport((_ca.Root, string.Format(MacSecurityOutput.SslServer, 1)))));

        Assert.Equal(ConnectionStatus.Pass, verdicts[TlsClient.DotNet].Status);
        Assert.Contains("the user's trust settings (security trust-settings-export) over login.keychain-db", verdicts[TlsClient.DotNet].Finding, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("admin", 3, "is denied by the admin trust settings")]
    [InlineData("user", 3, "is denied by the user's trust settings (security trust-settings-export) (security remove-trusted-cert <ca> clears them)")]
    [InlineData("admin", 4, "is not trusted for TLS by the admin trust settings")]
    public void Mac_a_ca_denied_or_unspecified_for_tls_is_rejected(string domain, int result, string evidence)
    {
        var own = MacSecurityOutput.TrustSettingsExport((_ca.Root, string.Format(MacSecurityOutput.SslServer, result)));
        var trusting = MacSecurityOutput.TrustSettingsExport((_ca.Root, string.Empty));
        var snapshot = domain == "admin"
            ? MacSecurityOutput.Snapshot(new[] { _ca.Root }, Array.Empty<X509Certificate2>(), admin: own)
            : MacSecurityOutput.Snapshot(new[] { _ca.Root }, Array.Empty<X509Certificate2>(), admin: trusting, user: own); // the user's settings override the admin's

        var verdicts = JudgeMac(snapshot);

        foreach (var client in new[] { TlsClient.DotNet, TlsClient.Chromium })
        {
            Assert.Equal(ConnectionStatus.Fail, verdicts[client].Status);
            Assert.Contains(verdicts[client].Evidence, e => e.Contains("'LoopbackTools Test Root' in System.keychain " + evidence, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Mac_settings_for_another_policy_only_do_not_make_a_tls_anchor()
    {
        var settings = MacTrustSettings.Parse(MacSecurityOutput.TrustSettingsExport((_ca.Root, string.Format(MacSecurityOutput.BasicX509, 1)), (_other.Root, string.Empty)));

        Assert.Equal(MacTrustSetting.Unspecified, settings[_ca.Root.Thumbprint]);
        Assert.Equal(MacTrustSetting.Trusted, settings[_other.Root.Thumbprint]);
        Assert.Throws<FormatException>(() => MacTrustSettings.Parse("<plist version=\"1.0\"><dict><key>trustVersion</key><integer>1</integer></dict></plist>"));
    }

    private Dictionary<TlsClient, StepVerdict> JudgeWindows(string regFile, X509Certificate2? leaf = null) =>
        Judge(WindowsTrustReader.Read(WindowsRegExport.Read(regFile)), leaf);

    private Dictionary<TlsClient, StepVerdict> JudgeMac(MacKeychainSnapshot snapshot) => Judge(MacTrustReader.Read(snapshot), null);

    private Dictionary<TlsClient, StepVerdict> Judge(IReadOnlyList<ClientTrust> trusts, X509Certificate2? leaf)
    {
        var environment = new TrustEnvironment(new Dictionary<string, string>(), home: _folder);
        return CertificateJudge.Judge("localhost", leaf ?? _leaf, Array.Empty<X509Certificate2>(), trusts, environment, DateTime.UtcNow)
            .ToDictionary(v => v.Client, v => v.Verdict);
    }

    /// <summary>A certificate as dotnet dev-certs makes it: self-signed CN=localhost with the ASP.NET Core HTTPS extension.</summary>
    private static X509Certificate2 DevelopmentCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        request.CertificateExtensions.Add(new X509Extension(new Oid("1.3.6.1.4.1.311.84.1.1"), new byte[] { 0x02 }, false));
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return X509CertificateLoader.LoadCertificate(made.RawData);
    }
}
