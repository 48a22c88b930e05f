namespace LoopbackTools;

/// <summary>Clients that keep their own idea of which certificate authorities to trust.</summary>
public enum TlsClient
{
    /// <summary>curl and other OpenSSL-based tools: the system bundle and folder, CURL_CA_BUNDLE, SSL_CERT_FILE, SSL_CERT_DIR.</summary>
    Curl,

    /// <summary>.NET HttpClient: OpenSSL's store on Linux plus the user's ~/.dotnet/corefx/cryptography/x509stores/root.</summary>
    DotNet,

    /// <summary>Python requests: certifi's bundle (Debian patches it to the system bundle), REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE.</summary>
    PythonRequests,

    /// <summary>Node: its bundled roots, NODE_EXTRA_CA_CERTS, --use-openssl-ca, NODE_USE_SYSTEM_CA.</summary>
    Node,

    /// <summary>Chromium and Chrome on Linux: their root store plus the NSS database ~/.pki/nssdb.</summary>
    Chromium,

    /// <summary>Firefox: its built-in roots plus each profile's cert9.db.</summary>
    Firefox,

    /// <summary>Java: the JRE's cacerts keystore.</summary>
    Java,
}
