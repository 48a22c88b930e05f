using System;
using System.Collections.Generic;

namespace LoopbackTools.Hosts;

/// <summary>
/// The lines holding each name (as first name or alias, enabled or commented out), in line order, kept up to date
/// by <see cref="HostsEditor"/> as it plans edits: a piped record finds its lines without rescanning the file, so
/// a run of 100,000 records costs the same per record as a run of 100. Names compare as the wildcard engine's
/// literals do (each character upper-cased invariantly), so a literal pattern finds exactly what a scan would.
/// </summary>
internal sealed class HostsLineIndex
{
    // Most names of a blocklist sit on one line: that line is kept inline, only further lines get a list.
    private readonly Dictionary<string, int> _first = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<int>> _more = new(StringComparer.Ordinal);

    /// <summary>
    /// True when a lookup of <paramref name="name"/> also finds every line an OrdinalIgnoreCase comparison would (the
    /// duplicate check of Add): ASCII names, where both comparisons upper-case the same way.
    /// </summary>
    public static bool FindsAllIgnoringCase(string name)
    {
        foreach (var c in name)
        {
            if (c > '\x7f')
            {
                return false;
            }
        }

        return true;
    }

    public void Add(string name, int line)
    {
        var key = Key(name);
        if (!_first.TryGetValue(key, out var first))
        {
            _first[key] = line;
            return;
        }

        if (first == line)
        {
            return;
        }

        if (!_more.TryGetValue(key, out var more))
        {
            more = new List<int>(2);
            _more[key] = more;
        }

        if (line < first)
        {
            _first[key] = line;
            (line, first) = (first, line);
        }

        var at = more.BinarySearch(line);
        if (at < 0)
        {
            more.Insert(~at, line);
        }
    }

    public void Remove(string name, int line)
    {
        var key = Key(name);
        if (!_first.TryGetValue(key, out var first))
        {
            return;
        }

        _more.TryGetValue(key, out var more);
        if (first != line)
        {
            more?.Remove(line);
            return;
        }

        if (more is null || more.Count == 0)
        {
            _first.Remove(key);
            _more.Remove(key);
            return;
        }

        _first[key] = more[0];
        more.RemoveAt(0);
    }

    /// <summary>The lines holding <paramref name="name"/>, ascending.</summary>
    public IReadOnlyList<int> LinesOf(string name)
    {
        var key = Key(name);
        if (!_first.TryGetValue(key, out var first))
        {
            return Array.Empty<int>();
        }

        if (!_more.TryGetValue(key, out var more) || more.Count == 0)
        {
            return new[] { first };
        }

        var lines = new List<int>(more.Count + 1) { first };
        lines.AddRange(more);
        return lines;
    }

    private static string Key(string name)
    {
        // ASCII without lower case (most blocklist names are lower case, so this mainly spares the copy of
        // upper-case input): char.ToUpperInvariant changes nothing, the name is its own key.
        var plain = true;
        foreach (var c in name)
        {
            if (c > '\x7f' || (c >= 'a' && c <= 'z'))
            {
                plain = false;
                break;
            }
        }

        if (plain)
        {
            return name;
        }

        var chars = name.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = char.ToUpperInvariant(chars[i]);
        }

        return new string(chars);
    }
}
