using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Tests.Certificate;

/// <summary>A CA, an intermediate and leaves with any names and dates, made with .NET's CertificateRequest and written as PEM.</summary>
public sealed class TestAuthority
{
    public TestAuthority(string folder, string name = "LoopbackTools Test Root")
    {
        Folder = folder;
        Directory.CreateDirectory(folder);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}, O=LoopbackTools tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Root = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddYears(5));
        RootPem = Write("root.pem", Root.ExportCertificatePem());
    }

    public string Folder { get; }

    public X509Certificate2 Root { get; }

    public string RootPem { get; }

    /// <summary>An intermediate CA under the root; its certificate and key files.</summary>
    public (X509Certificate2 Certificate, string Pem) Intermediate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=LoopbackTools Test Intermediate, O=LoopbackTools tests", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Root, true, false));
        var issued = request.Create(Root, DateTimeOffset.UtcNow.AddDays(-20), DateTimeOffset.UtcNow.AddYears(3), Serial());
        var withKey = issued.CopyWithPrivateKey(key);
        return (withKey, Write("intermediate.pem", issued.ExportCertificatePem()));
    }

    /// <summary>A TLS server leaf; returns the certificate and the paths of its PEM and key.</summary>
    public (X509Certificate2 Certificate, string Pem, string Key) Leaf(string file, string[] dnsNames, IPAddress[] addresses, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null, X509Certificate2? issuer = null, bool selfSigned = false)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=" + (dnsNames.FirstOrDefault() ?? "loopback-test"), key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var dns in dnsNames)
        {
            names.AddDnsName(dns);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = notBefore ?? DateTimeOffset.UtcNow.AddDays(-1);
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(90);
        X509Certificate2 certificate;
        if (selfSigned)
        {
            certificate = request.CreateSelfSigned(from, until);
        }
        else
        {
            var signer = issuer ?? Root;
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer, true, false));
            certificate = request.Create(signer, from, until, Serial());
        }

        var pem = Write(file + ".pem", certificate.ExportCertificatePem());
        var keyPath = Write(file + ".key", key.ExportPkcs8PrivateKeyPem());
        return (X509CertificateLoader.LoadCertificate(certificate.RawData), pem, keyPath);
    }

    public string Write(string file, string text)
    {
        var path = Path.Combine(Folder, file);
        File.WriteAllText(path, text + "\n");
        return path;
    }

    private static byte[] Serial() => RandomNumberGenerator.GetBytes(12);
}
