using System;
using System.Collections.Generic;
using System.Linq;

namespace LoopbackTools.Hosts;

/// <summary>For a few names, the enabled entries naming each, in file order (the first is what resolvers use).</summary>
internal static class HostsNameIndex
{
    public static Dictionary<string, List<HostsEntry>> Build(HostsDocument document, IEnumerable<string> names)
    {
        var index = names.Distinct(StringComparer.OrdinalIgnoreCase).ToDictionary(n => n, _ => new List<HostsEntry>(), StringComparer.OrdinalIgnoreCase);
        if (index.Count == 0)
        {
            return index;
        }

        for (var i = 0; i < document.EntryCount; i++)
        {
            if (!document.EntryEnabled(i))
            {
                continue;
            }

            AddNamesOf(index, document.Entries[i]);
        }

        return index;
    }

    /// <summary>A copy of <paramref name="index"/> with the enabled <paramref name="appended"/> entries (lines after all of its own) added in order.</summary>
    public static Dictionary<string, List<HostsEntry>> Extend(Dictionary<string, List<HostsEntry>> index, IEnumerable<HostsEntry> appended)
    {
        var extended = index.ToDictionary(p => p.Key, p => new List<HostsEntry>(p.Value), StringComparer.OrdinalIgnoreCase);
        foreach (var entry in appended)
        {
            if (!entry.Enabled)
            {
                continue;
            }

            AddNamesOf(extended, entry);
        }

        return extended;
    }

    // Names one by one rather than NamesOf: this runs over every entry of the file.
    private static void AddNamesOf(Dictionary<string, List<HostsEntry>> index, HostsEntry entry)
    {
        AddTo(index, entry.HostName, entry);
        foreach (var alias in entry.Aliases)
        {
            AddTo(index, alias, entry);
        }
    }

    private static void AddTo(Dictionary<string, List<HostsEntry>> index, string name, HostsEntry entry)
    {
        if (index.TryGetValue(name, out var list) && (list.Count == 0 || list[list.Count - 1] != entry))
        {
            list.Add(entry);
        }
    }

    public static IEnumerable<string> NamesOf(HostsEntry entry) => new[] { entry.HostName }.Concat(entry.Aliases);
}
