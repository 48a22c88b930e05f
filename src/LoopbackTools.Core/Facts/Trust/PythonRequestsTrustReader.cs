using System;
using System.Diagnostics;
using System.IO;

namespace LoopbackTools.Trust;

/// <summary>
/// Python requests: REQUESTS_CA_BUNDLE, else CURL_CA_BUNDLE (a file, or a folder), else <c>certifi.where()</c> - pip's
/// certifi returns its own cacert.pem, Debian's patched one the system bundle. Which certifi that is depends on the
/// python3 on PATH (pyenv, a venv, /usr/bin), so that interpreter is asked, once, where requests and certifi are.
/// </summary>
internal static class PythonRequestsTrustReader
{
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> Answers = new(StringComparer.Ordinal);

    private const string Ask = "import importlib.util as u\ns=u.find_spec('requests')\nprint(s.origin if s else '')\ntry:\n import certifi; print(certifi.where())\nexcept Exception as e: print('')";

    public static ClientTrust Read(TrustEnvironment environment)
    {
        var python = environment.Program("python3");
        if (python is null)
        {
            return new ClientTrust(TlsClient.PythonRequests, new TrustSource[0], absent: "python3 is not on PATH");
        }

        var answer = AskPython(python, environment);
        if (answer is null)
        {
            return new ClientTrust(TlsClient.PythonRequests, new[] { new TrustSource(python, new System.Security.Cryptography.X509Certificates.X509Certificate2[0], "could not ask it where requests and certifi are") });
        }

        if (answer[0].Length == 0)
        {
            return new ClientTrust(TlsClient.PythonRequests, new TrustSource[0], absent: $"requests is not installed for {python}");
        }

        foreach (var variable in new[] { "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE" })
        {
            if (environment.Variable(variable) is { } given)
            {
                var source = Directory.Exists(environment.Path(given))
                    ? TrustSources.FromHashedFolder(environment, given, variable + "=")
                    : TrustSources.FromFile(environment, given, variable + "=");
                return new ClientTrust(TlsClient.PythonRequests, new[] { source });
            }
        }

        var bundle = answer.Length > 1 ? answer[1] : string.Empty;
        if (bundle.Length == 0)
        {
            return new ClientTrust(TlsClient.PythonRequests, new[] { new TrustSource("certifi", new System.Security.Cryptography.X509Certificates.X509Certificate2[0], $"certifi is not importable by {python}") });
        }

        var own = Path.GetFileName(bundle) == "cacert.pem";
        return new ClientTrust(TlsClient.PythonRequests, new[]
        {
            TrustSources.FromFile(environment, bundle, own ? $"certifi's own bundle ({python}) " : $"certifi ({python}, patched to the system's) "),
        });
    }

    /// <returns>Line 1: requests' module file (empty: not installed); line 2: certifi.where(); null when python cannot be run.</returns>
    private static string[]? AskPython(string python, TrustEnvironment environment)
    {
        // Asked once a process per interpreter and home: starting python (a pyenv shim more so) costs 50-1000 ms.
        var key = python + "\n" + environment.Home;
        if (Answers.TryGetValue(key, out var known))
        {
            return known;
        }

        var answer = RunPython(python, environment);
        if (answer is not null)
        {
            Answers[key] = answer;
        }

        return answer;
    }

    private static string[]? RunPython(string python, TrustEnvironment environment)
    {
        try
        {
            var info = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, CreateNoWindow = true };
            info.Arguments = "-c \"" + Ask.Replace("\"", "\\\"") + "\"";
            info.Environment["HOME"] = environment.Home;
            using var process = Process.Start(info);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(10000))
            {
                process.Kill();
                return null;
            }

            return output.Result.Replace("\r", string.Empty).Split('\n');
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            return null;
        }
    }
}
