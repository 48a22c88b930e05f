using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace LoopbackTools.Binding;

/// <summary>
/// The port sysctls of the caller's network namespace (each namespace has its own): who may bind below
/// ip_unprivileged_port_start, which ports outgoing connections take (ip_local_port_range) and which of those are
/// kept back (ip_local_reserved_ports). Parsing is separate from reading so the text forms are tested alone.
/// </summary>
internal sealed class LinuxPortSysctls
{
    public const string Folder = "/proc/sys/net/ipv4";

    public LinuxPortSysctls(int? unprivilegedPortStart, PortRange? localPortRange, IReadOnlyList<PortRange> reservedPorts, string reservedText)
    {
        UnprivilegedPortStart = unprivilegedPortStart;
        LocalPortRange = localPortRange;
        ReservedPorts = reservedPorts;
        ReservedText = reservedText;
    }

    public int? UnprivilegedPortStart { get; }

    public PortRange? LocalPortRange { get; }

    public IReadOnlyList<PortRange> ReservedPorts { get; }

    public string ReservedText { get; }

    public bool IsReserved(int port) => ReservedPorts.Any(r => r.Contains(port));

    /// <summary>Reads the sysctls of this process's network namespace; a file that cannot be read stays unknown.</summary>
    public static LinuxPortSysctls Read(string folder = Folder)
    {
        var start = Text(folder, "ip_unprivileged_port_start");
        var range = Text(folder, "ip_local_port_range");
        var reserved = Text(folder, "ip_local_reserved_ports") ?? string.Empty;
        return new LinuxPortSysctls(
            start is null ? null : ParsePort(start),
            range is null ? null : ParseRange(range),
            ParseList(reserved),
            reserved.Trim());
    }

    /// <summary>"32768\t60999" (ip_local_port_range).</summary>
    public static PortRange? ParseRange(string text)
    {
        var parts = text.Split(new[] { ' ', '\t', '\n' }, StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && ParsePort(parts[0]) is int first && ParsePort(parts[1]) is int last && first <= last ? new PortRange(first, last) : null;
    }

    /// <summary>"8080,9000-9010" (ip_local_reserved_ports; empty when none).</summary>
    public static IReadOnlyList<PortRange> ParseList(string text)
    {
        var ranges = new List<PortRange>();
        foreach (var item in text.Split(new[] { ',', '\n' }, StringSplitOptions.RemoveEmptyEntries).Select(i => i.Trim()))
        {
            var dash = item.IndexOf('-');
            var first = ParsePort(dash < 0 ? item : item.Substring(0, dash));
            var last = dash < 0 ? first : ParsePort(item.Substring(dash + 1));
            if (first is int f && last is int l && f <= l)
            {
                ranges.Add(new PortRange(f, l));
            }
        }

        return ranges;
    }

    private static int? ParsePort(string text) =>
        int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port <= 65536 ? port : null;

    private static string? Text(string folder, string name)
    {
        try
        {
            return File.ReadAllText(Path.Combine(folder, name));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
