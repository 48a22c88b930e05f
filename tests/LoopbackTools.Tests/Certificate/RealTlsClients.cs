using LoopbackTools.Tests.Components;

namespace LoopbackTools.Tests.Certificate;

/// <summary>Where a test puts its CA for the real clients: each place exactly as the client reads it.</summary>
[Flags]
public enum Placement
{
    None = 0,

    /// <summary>A copy of the system bundle with the CA appended, bind-mounted over /etc/ssl/certs/ca-certificates.crt in a private mount namespace.</summary>
    SystemBundle = 1,

    /// <summary>NODE_EXTRA_CA_CERTS names the CA file.</summary>
    NodeExtra = 2,

    /// <summary>REQUESTS_CA_BUNDLE names the CA file.</summary>
    RequestsBundle = 4,

    /// <summary>An NSS database at $HOME/.pki/nssdb holds the CA with trust C,,.</summary>
    Nss = 8,

    /// <summary>A JKS keystore holding the CA (keytool), named by JAVA_TOOL_OPTIONS -Djavax.net.ssl.trustStore.</summary>
    JavaStore = 16,

    /// <summary>A copy of /etc/ssl/certs with the CA added under its OpenSSL subject-hash name, bind-mounted over the folder in a private mount namespace.</summary>
    HashedFolder = 32,

    Everywhere = SystemBundle | NodeExtra | RequestsBundle | Nss | JavaStore,
}

/// <summary>
/// Runs the real clients against a URL, each in its own private mount namespace (so a bind-mounted bundle never
/// reaches the machine), with every trust variable cleared and only the ones a case needs set.
/// </summary>
public static class RealTlsClients
{
    public static readonly string[] TrustVariables = { "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE", "NODE_EXTRA_CA_CERTS", "NODE_OPTIONS", "NODE_USE_SYSTEM_CA", "JAVA_TOOL_OPTIONS" };

    public const string SystemBundle = "/etc/ssl/certs/ca-certificates.crt";

    public const string SystemFolder = "/etc/ssl/certs";

    public static string Pwsh => Environment.GetEnvironmentVariable("LBT_PWSH") is { Length: > 0 } given ? given : Path.Combine(Infrastructure.RepoPaths.Root, ".tools", "pwsh", "pwsh");

    /// <summary>True: the client completed the request; false: it refused the certificate. Anything else throws (not a verdict).</summary>
    public static bool Accepts(TlsClient client, string url, string home, string? bundle, IDictionary<string, string> variables, string? folder = null)
    {
        var (program, arguments) = client switch
        {
            TlsClient.Curl => ("curl", new[] { "-sS", "-o", "/dev/null", "--max-time", "10", url }),
            TlsClient.PythonRequests => ("python3", new[] { "-c", "import requests,sys\ntry:\n requests.get(sys.argv[1], timeout=10); print('ok')\nexcept requests.exceptions.SSLError as e:\n print('SSLERROR', e); sys.exit(2)", url }),
            TlsClient.Node => ("node", new[] { "-e", "fetch(process.argv[1]).then(()=>console.log('ok'),e=>{console.log('ERR',e.cause&&e.cause.code);process.exit(2)})", url }),
            TlsClient.DotNet => (Pwsh, new[] { "-NoProfile", "-NonInteractive", "-Command", $"try {{ $null = Invoke-WebRequest -Uri '{url}' -UseBasicParsing -TimeoutSec 10; 'ok' }} catch {{ 'ERR ' + $_.Exception.Message + ' ' + $_.Exception.InnerException.Message; exit 2 }}" }),
            TlsClient.Java => ("java", new[] { Infrastructure.RepoPaths.Fixture("tls", "Fetch.java"), url }),
            TlsClient.Chromium => ("chromium", new[] { "--headless=new", "--no-sandbox", "--disable-gpu", "--user-data-dir=" + Path.Combine(home, "chromium-" + Guid.NewGuid().ToString("N")), "--dump-dom", url }),
            _ => throw new ArgumentOutOfRangeException(nameof(client)),
        };
        var unset = TrustVariables.SelectMany(v => new[] { "-u", v });
        var set = variables.Select(kv => kv.Key + "=" + kv.Value).Append("HOME=" + home);
        // The folder first: a bundle bound before it would be hidden under it.
        var mounts = "d=$1; b=$2; shift 2; [ -z \"$d\" ] || mount --bind \"$d\" " + SystemFolder + " || exit 99; [ -z \"$b\" ] || mount --bind \"$b\" " + SystemBundle + " || exit 99; exec \"$@\"";
        var command = new[] { "--mount", "--propagation", "private", "sh", "-c", mounts, "sh", folder ?? string.Empty, bundle ?? string.Empty, "env" }
            .Concat(unset).Concat(set).Append(Component.Find(program) ?? program).Concat(arguments).ToArray();
        var result = Run.Command("unshare", command, TimeSpan.FromSeconds(60));
        var said = $"{client}: exit {result.ExitCode}: {result.Output.Trim()} {result.Error.Trim()}";
        switch (client)
        {
            case TlsClient.Curl:
                return result.ExitCode == 0 || (result.ExitCode is 60 or 51 ? false : throw new InvalidOperationException("not a certificate verdict: " + said));
            case TlsClient.Chromium:
                if (result.Output.Contains("s_server", StringComparison.Ordinal))
                {
                    return true;
                }

                // On a refused certificate it dumps an empty document (the model's own handshake showed the server answers).
                return result.ExitCode == 0
                    ? false
                    : throw new InvalidOperationException("not a certificate verdict: " + said);
            case TlsClient.Node when result.Error.Contains("is not allowed in NODE_OPTIONS", StringComparison.Ordinal):
                return false; // node refuses to start: it makes no connection at all
            default:
                if (result.ExitCode == 0 && result.Output.Contains("ok", StringComparison.Ordinal))
                {
                    return true;
                }

                var certificateError = result.ExitCode == 2 && (result.Output.Contains("SSLERROR", StringComparison.Ordinal) || result.Output.Contains("CERT", StringComparison.Ordinal)
                    || result.Output.Contains("SELF_SIGNED", StringComparison.Ordinal) || result.Output.Contains("UNABLE_TO", StringComparison.Ordinal)
                    || result.Output.Contains("ERR_TLS", StringComparison.Ordinal) || result.Output.Contains("SSL connection could not be established", StringComparison.Ordinal));
                return certificateError ? false : throw new InvalidOperationException("not a certificate verdict: " + said);
        }
    }
}
