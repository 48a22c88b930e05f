using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography.X509Certificates;

namespace LoopbackTools.Trust;

/// <summary>
/// The certificates an NSS database (cert9.db, SQLite) trusts for TLS servers, read through NSS's own
/// <c>certutil</c> (apt libnss3-tools): its SQLite layout is NSS's private business. Trusted means the SSL trust
/// flags hold C (a trusted CA) or P (a trusted peer, for a self-signed leaf).
/// </summary>
internal static class NssDatabase
{
    private static readonly FileStampCache Read = new();

    /// <remarks>certutil is started once per certificate: its answer is kept while cert9.db keeps its size and time.</remarks>
    public static X509Certificate2[] ReadTrusted(string certutil, string folder) => Read.Get(Path.Combine(folder, "cert9.db"), () =>
    {
        var listing = Run(certutil, "-L", "-d", "sql:" + folder);
        var found = new List<X509Certificate2>();
        foreach (var nickname in TrustedNicknames(listing))
        {
            found.AddRange(CertificateFiles.Parse(System.Text.Encoding.ASCII.GetBytes(Run(certutil, "-L", "-d", "sql:" + folder, "-n", nickname, "-a"))));
        }

        return found.ToArray();
    });

    /// <summary>certutil -L: a header, then "nickname   SSL,S/MIME,JAR" per line, the flags in the last column.</summary>
    public static IEnumerable<string> TrustedNicknames(string listing)
    {
        foreach (var line in listing.Split('\n').Select(l => l.TrimEnd()))
        {
            var gap = line.LastIndexOf(' ');
            if (gap <= 0 || line.StartsWith("Certificate Nickname", StringComparison.Ordinal))
            {
                continue;
            }

            var flags = line.Substring(gap + 1);
            var parts = flags.Split(',');
            if (parts.Length == 3 && (parts[0].IndexOf('C') >= 0 || parts[0].IndexOf('P') >= 0))
            {
                yield return line.Substring(0, gap).Trim();
            }
        }
    }

    /// <summary>Runs a store tool with a 10 s deadline; its output, or an IOException saying why not.</summary>
    internal static string Run(string program, params string[] arguments)
    {
        var info = new ProcessStartInfo(program, string.Join(" ", arguments.Select(Quote)))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        using var process = Process.Start(info) ?? throw new IOException("cannot start " + program);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(10000))
        {
            process.Kill();
            throw new IOException(program + " did not finish in 10 s");
        }

        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new IOException($"{program} {string.Join(" ", arguments)} failed: {error.Result.Trim()}");
        }

        return output.Result;
    }

    private static string Quote(string argument) => "\"" + argument.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
