using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using LoopbackTools.Connection;
using LoopbackTools.Hosts;

namespace LoopbackTools.Resolution;

/// <summary>Judges what the hosts file says about a name: the first layer most resolvers consult.</summary>
internal static class HostsFileLayer
{
    public static LocalhostResolutionResult Check(IHostsReader reader, string name, string? path)
    {
        var file = string.IsNullOrEmpty(path) ? reader.DefaultPath : path!;
        try
        {
            // glibc's reading of the lines for the name; a trailing dot (which makes glibc skip the file) is the OS resolver layer's finding.
            return Judge(name, file, reader.Find(file, name), RuntimeInformation.IsOSPlatform(OSPlatform.Windows), reader.ReadAsOs(file, name.TrimEnd('.')));
        }
        catch (Diagnostics.LoopbackToolsException e)
        {
            return Unreadable(name, file, $"hosts file {file} cannot be read: {e.FullMessage}");
        }
    }

    /// <param name="mappings">The enabled lines naming <paramref name="name"/>, in file order.</param>
    /// <param name="resolverAnswersLocalhost">
    /// Windows: its resolver answers localhost itself (127.0.0.1 and ::1) and the stock hosts file ships the
    /// localhost lines commented out, so their absence is normal there, not a fall-through to DNS.
    /// </param>
    /// <param name="os">glibc's own reading of the file for the name (Linux), or null.</param>
    internal static LocalhostResolutionResult Judge(string name, string path, IReadOnlyList<HostsMapping> mappings, bool resolverAnswersLocalhost = false, HostsOsAnswer? os = null)
    {
        var verdict = Verdict(name, path, mappings, resolverAnswersLocalhost, os);
        if (os is { Differences.Count: > 0 })
        {
            // What the OS answers, not what the lines look like: that is what clients get.
            var reads = new AddressSet(os.Addresses);
            var answered = os.Addresses.Select(a => a.ToString()).Distinct().ToArray();
            return new LocalhostResolutionResult(name, ResolutionLayer.HostsFile, path, answered, reads.AllLoopback, string.Empty, verdict.ToResolutionStatus(), verdict.Finding);
        }

        var texts = mappings.Select(m => m.AddressText).Distinct().ToArray();
        var set = new AddressSet(mappings.Select(m => m.Address));
        return new LocalhostResolutionResult(name, ResolutionLayer.HostsFile, path, texts, set.AllLoopback, string.Empty, verdict.ToResolutionStatus(), verdict.Finding);
    }

    /// <summary>The rule itself, with the lines it rests on as evidence (Test-LocalhostConnection's HostsFile step shows them).</summary>
    /// <param name="os">glibc's own reading of the file for the name (Linux), or null.</param>
    internal static StepVerdict Verdict(string name, string path, IReadOnlyList<HostsMapping> mappings, bool resolverAnswersLocalhost = false, HostsOsAnswer? os = null)
    {
        if (os is { Differences.Count: > 0 })
        {
            return OsReadingVerdict(name, path, mappings, os);
        }

        var set = new AddressSet(mappings.Select(m => m.Address));
        var kind = LocalhostNames.Classify(name);
        StepVerdict verdict;
        if (set.IsEmpty)
        {
            verdict = kind switch
            {
                LocalhostNameKind.Localhost when resolverAnswersLocalhost => StepVerdict.Pass($"hosts file {path} has no localhost line, as Windows ships it: the Windows resolver answers localhost itself with 127.0.0.1 and ::1"),
                LocalhostNameKind.Localhost => StepVerdict.Warn($"hosts file {path} has no localhost line: resolution of localhost falls through to DNS - add '127.0.0.1 localhost' and '::1 localhost'"),
                LocalhostNameKind.UnderLocalhost => StepVerdict.Warn($"hosts file {path} has no {name} line: RFC 6761 makes it loopback, but resolvers without that rule (.NET on Linux among them) ask DNS - add '127.0.0.1 {name}' and '::1 {name}'"),
                _ => StepVerdict.Pass($"{name} is not in hosts file {path}; the OS resolver asks DNS"),
            };
        }
        else if (kind != LocalhostNameKind.Other && !set.AllLoopback)
        {
            var bad = mappings.Where(m => set.NonLoopback.Contains(m.Address))
                .Select(m => string.Format(CultureInfo.InvariantCulture, "{0} (line {1})", m.AddressText, m.LineNumber));
            verdict = StepVerdict.Fail($"hosts file {path} maps {name} to {string.Join(", ", bad)}: {name} must resolve to loopback (RFC 6761 6.3) - remove or fix that line");
        }
        else if (kind != LocalhostNameKind.Other && !set.HasIPv6Loopback)
        {
            verdict = StepVerdict.Warn($"hosts file {path} has no ::1 {name} line: IPv6 clients fall through to DNS - add '::1 {name}'");
        }
        else if (kind != LocalhostNameKind.Other && !set.HasIPv4Loopback)
        {
            verdict = StepVerdict.Warn($"hosts file {path} has no 127.0.0.1 {name} line: IPv4 clients fall through to DNS - add '127.0.0.1 {name}'");
        }
        else
        {
            verdict = StepVerdict.Pass($"hosts file {path} maps {name} to {set.Describe()}");
        }

        var evidence = mappings.Select(m => $"{path} line {m.LineNumber}: {m.AddressText} {name}").ToArray();
        return new StepVerdict(verdict.Status, verdict.Finding, evidence);
    }

    /// <summary>
    /// Lines the OS resolver reads otherwise than they look: the finding names each line, why and the fix, instead of
    /// a remedy built on what the file seems to say ("add a line" for a line that is there but skipped). Fail when
    /// glibc's answer differs from the lines as they look; Warn when it comes out the same.
    /// </summary>
    private static StepVerdict OsReadingVerdict(string name, string path, IReadOnlyList<HostsMapping> mappings, HostsOsAnswer os)
    {
        var looks = new AddressSet(mappings.Select(m => m.Address));
        var reads = new AddressSet(os.Addresses);
        var same = new HashSet<string>(looks.Texts).SetEquals(reads.Texts);
        var lines = string.Join("; ", os.Differences.Select(d => d.Reason + " - " + d.Remedy));
        var answer = os.Addresses.Count == 0
            ? string.Format(CultureInfo.InvariantCulture, "so glibc finds no {0} line and asks the next source (DNS)", name)
            : string.Format(CultureInfo.InvariantCulture, "so glibc answers {0} with {1}", name, reads.List);
        var finding = string.Format(CultureInfo.InvariantCulture, "hosts file {0}: {1}; {2}", path, lines, answer);
        var evidence = mappings.Select(m => $"{path} line {m.LineNumber}: {m.AddressText} {name}")
            .Concat(os.Differences.Select(d => $"{path} {d.Reason}")).ToArray();
        return same ? StepVerdict.Warn(finding, evidence) : StepVerdict.Fail(finding, evidence);
    }

    internal static LocalhostResolutionResult Unreadable(string name, string path, string reason) =>
        new(name, ResolutionLayer.HostsFile, path, System.Array.Empty<string>(), false, string.Empty, StepVerdict.Skipped(reason).ToResolutionStatus(), reason);
}
