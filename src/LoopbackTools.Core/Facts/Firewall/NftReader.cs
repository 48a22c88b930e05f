using System;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace LoopbackTools.Connection;

/// <summary>Runs <c>nft -j list ruleset</c> (bounded by the timeout); the reason it could not, instead of an exception.</summary>
internal static class NftReader
{
    private static readonly string[] Folders = { "/usr/sbin", "/sbin", "/usr/bin", "/bin" };

    public static string? Find(string? configured)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return File.Exists(configured) ? configured : null;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var folder in path.Split(Path.PathSeparator))
        {
            if (folder.Length > 0 && File.Exists(Path.Combine(folder, "nft")))
            {
                return Path.Combine(folder, "nft");
            }
        }

        foreach (var folder in Folders)
        {
            if (File.Exists(Path.Combine(folder, "nft")))
            {
                return Path.Combine(folder, "nft");
            }
        }

        return null;
    }

    public static async Task<(string? Json, string Failure)> ReadAsync(string nft, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(nft, "-j list ruleset")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("no process");
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return (null, $"{nft} could not be started ({e.Message})");
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            var both = Task.WhenAll(output, error);
            var finished = await Task.WhenAny(both, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
            if (finished != both)
            {
                try
                {
                    process.Kill();
                }
                catch (InvalidOperationException)
                {
                    // it ended meanwhile
                }

                cancellationToken.ThrowIfCancellationRequested();
                return (null, $"nft did not answer within {timeout.TotalSeconds:0.###} s");
            }

            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                var said = error.Result.Trim();
                return (null, $"nft -j list ruleset failed ({(said.Length == 0 ? "exit code " + process.ExitCode : said)}): run as root to read the ruleset");
            }

            return (output.Result, string.Empty);
        }
    }
}
