using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Runtime.InteropServices;
using LoopbackTools.Connection;

namespace LoopbackTools.Resolution;

/// <summary>Judges what the hosts file says about a name: the first layer most resolvers consult.</summary>
internal static class HostsFileLayer
{
    public static LocalhostResolutionResult Check(IHostsReader reader, string name, string? path)
    {
        var file = string.IsNullOrEmpty(path) ? reader.DefaultPath : path!;
        try
        {
            return Judge(name, file, reader.Find(file, name), RuntimeInformation.IsOSPlatform(OSPlatform.Windows));
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
    internal static LocalhostResolutionResult Judge(string name, string path, IReadOnlyList<HostsMapping> mappings, bool resolverAnswersLocalhost = false)
    {
        var set = new AddressSet(mappings.Select(m => m.Address));
        var texts = mappings.Select(m => m.AddressText).Distinct().ToArray();
        var verdict = Verdict(name, path, mappings, resolverAnswersLocalhost);
        return new LocalhostResolutionResult(name, ResolutionLayer.HostsFile, path, texts, set.AllLoopback, string.Empty, verdict.ToResolutionStatus(), verdict.Finding);
    }

    /// <summary>The rule itself, with the lines it rests on as evidence (Test-LocalhostConnection's HostsFile step shows them).</summary>
    internal static StepVerdict Verdict(string name, string path, IReadOnlyList<HostsMapping> mappings, bool resolverAnswersLocalhost = false)
    {
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

    internal static LocalhostResolutionResult Unreadable(string name, string path, string reason) =>
        new(name, ResolutionLayer.HostsFile, path, System.Array.Empty<string>(), false, string.Empty, StepVerdict.Skipped(reason).ToResolutionStatus(), reason);
}
