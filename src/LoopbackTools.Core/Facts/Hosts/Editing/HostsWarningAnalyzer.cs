using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LoopbackTools.Hosts;

/// <summary>
/// Compares the file before and after an edit for the names the edit touched. "Resolves to" means the
/// first enabled line naming it, which is what glibc, macOS and Windows use.
/// </summary>
internal static class HostsWarningAnalyzer
{
    /// <param name="onlyAppended">
    /// No line of <paramref name="before"/> was edited or removed, lines were only added at the end
    /// (<paramref name="afterEntries"/>, in file order): every old line keeps its number and entry, so the new file's
    /// index is the old one plus the added entries, and the new file is not scanned a second time.
    /// </param>
    public static IReadOnlyList<HostsWarning> Analyze(HostsDocument before, HostsDocument after, IReadOnlyList<HostsEntry> beforeEntries, IReadOnlyList<HostsEntry> afterEntries, bool onlyAppended = false)
    {
        var names = beforeEntries.Concat(afterEntries).SelectMany(HostsNameIndex.NamesOf).ToList();
        var oldIndex = HostsNameIndex.Build(before, names);
        var newIndex = onlyAppended ? HostsNameIndex.Extend(oldIndex, afterEntries) : HostsNameIndex.Build(after, names);
        var warnings = new List<HostsWarning>();
        foreach (var entry in afterEntries.Where(e => e.Enabled))
        {
            var count = entry.Aliases.Length + 1;
            if (count > HostsParser.MaxNamesHonouredByWindows)
            {
                warnings.Add(new HostsWarning(HostsWarningKind.TooManyNames, entry.HostName, entry.LineNumber, Format(
                    "Line {0} now has {1} names; Windows reads only the first {2} ('{3}' and later are ignored there). Put the other names on a line of their own.",
                    entry.LineNumber,
                    count,
                    HostsParser.MaxNamesHonouredByWindows,
                    entry.Aliases[HostsParser.MaxNamesHonouredByWindows - 1])));
            }

            foreach (var name in HostsNameIndex.NamesOf(entry))
            {
                var lines = newIndex[name];
                // An IPv4 and an IPv6 line for one name are normal (localhost); only a rival of the same family competes.
                var rivals = lines.Where(e => e.AddressFamily == entry.AddressFamily).ToList();
                var other = rivals.FirstOrDefault(e => e.LineNumber != entry.LineNumber && Normalized(e) != Normalized(entry));
                if (other is not null)
                {
                    warnings.Add(new HostsWarning(HostsWarningKind.NameMappedElsewhere, name, entry.LineNumber, Format(
                        "'{0}' is also mapped to {1} on line {2}; resolvers use the first line naming it (line {3}, {4}).",
                        name,
                        other.IPAddress,
                        other.LineNumber,
                        rivals[0].LineNumber,
                        rivals[0].IPAddress)));
                }
            }
        }

        foreach (var pair in oldIndex)
        {
            // A name no enabled line held before (every name a blocklist adds) cannot have moved away from loopback.
            if (pair.Value.Count == 0)
            {
                continue;
            }

            var name = pair.Key;
            var was = FirstPerFamily(pair.Value);
            var now = FirstPerFamily(newIndex[name]);
            var lost = was.FirstOrDefault(e => e.IsLoopback);
            var moved = now.FirstOrDefault(e => !e.IsLoopback);
            if (lost is not null && moved is not null && !now.Any(e => e.IsLoopback))
            {
                warnings.Add(new HostsWarning(HostsWarningKind.LoopbackNameMovedAway, name, moved.LineNumber, Format(
                    "'{0}' resolved to loopback ({1}) and now resolves to {2} (line {3}): programs reaching it no longer stay on this machine.",
                    name,
                    lost.IPAddress,
                    moved.IPAddress,
                    moved.LineNumber)));
            }
        }

        warnings.AddRange(HostsManagerWarnings.Analyze(before, after, beforeEntries, afterEntries));
        return warnings;
    }

    /// <summary>What a resolver answers for the name: the first line of each address family.</summary>
    private static List<HostsEntry> FirstPerFamily(List<HostsEntry> lines) => lines.GroupBy(e => e.AddressFamily).Select(g => g.First()).ToList();

    private static string Normalized(HostsEntry entry) => AddressInfo.TryCreate(entry.IPAddress)?.Normalized ?? entry.IPAddress;

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.InvariantCulture, format, args);
}
