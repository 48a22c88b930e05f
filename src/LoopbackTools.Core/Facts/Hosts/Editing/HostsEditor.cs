using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using LoopbackTools.Matching;

namespace LoopbackTools.Hosts;

/// <summary>
/// Plans edits on a <see cref="HostsDocument"/> and builds the new file. Only edited lines are rewritten
/// (and within them only the edited part); every other line is copied byte for byte with its own ending.
/// New lines go at the end with the file's prevailing line ending and encoding; a file without a final
/// newline first gets one, so nothing is glued onto its last line. Nothing is written to disk here.
/// Planning a record costs the same however many were planned before: the lines naming each name are indexed once
/// and kept up to date as lines are planned (<see cref="HostsLineIndex"/>); only a wildcard pattern or a removal by
/// address alone reads every line.
/// </summary>
public sealed class HostsEditor
{
    private readonly SortedDictionary<int, HostsLineChange> _edits = new();
    private readonly List<HostsLineChange> _added = new();

    // Edited and added lines: their entry as planned (null: none). Other lines hold the document's entry.
    private readonly Dictionary<int, HostsEntry?> _planned = new();

    private HostsLineIndex? _index;

    private string? _separator;

    public HostsEditor(HostsDocument document)
    {
        Document = document ?? throw new ArgumentNullException(nameof(document));
    }

    /// <summary>The file as read: the base of every edit, and what the writer checks the disk against.</summary>
    public HostsDocument Document { get; }

    /// <summary>Planned edits, one per line (several edits of one line merge), in file order.</summary>
    public IReadOnlyList<HostsLineChange> Changes => _edits.Values.Concat(_added).ToList();

    /// <summary>Plans a new line <c>address hostName aliases # comment</c> at the end of the file.</summary>
    /// <param name="force">Add even when an enabled line already maps one of the names.</param>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.InvalidAddress, Hosts.InvalidHostName, Hosts.InvalidComment, or Hosts.NameAlreadyMapped (without <paramref name="force"/>).</exception>
    public HostsLineChange Add(string address, string hostName, IEnumerable<string>? aliases, string? comment, bool force) =>
        Add(address, new[] { hostName }, aliases, comment, force);

    /// <summary>Plans a new line <c>address hostNames aliases # comment</c>: every name on the one line, in order.</summary>
    /// <param name="force">Add even when an enabled line already maps one of the names.</param>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.InvalidAddress, Hosts.InvalidHostName (also for no name at all), Hosts.InvalidComment, or Hosts.NameAlreadyMapped (without <paramref name="force"/>).</exception>
    public HostsLineChange Add(string address, IEnumerable<string> hostNames, IEnumerable<string>? aliases, string? comment, bool force)
    {
        var info = HostsInput.Address(address);
        var names = (hostNames ?? throw new ArgumentNullException(nameof(hostNames))).Concat(aliases ?? Enumerable.Empty<string>()).Select(HostsInput.HostName).ToList();
        if (names.Count == 0)
        {
            throw HostsErrors.InvalidHostName(string.Empty, "no host name was given.");
        }

        var note = HostsInput.Comment(comment);
        if (!force && FirstEnabledNaming(names) is { } taken)
        {
            throw HostsErrors.NameAlreadyMapped(taken.Entry, taken.Name);
        }

        var text = info.Text + NewLineSeparator() + string.Join(" ", names) + (note.Length == 0 ? string.Empty : " # " + note);
        var change = new HostsLineChange(HostsChangeKind.Add, Document.Lines.Count + _added.Count + 1, null, text);
        _added.Add(change);
        // The entry is built from the checked parts, not by parsing the line back: they are what the parser would
        // read from it (HostsInput accepts only what it accepts), and a parse per record cost ~5 us at 100,000.
        var entry = new HostsEntry(info.Text, names[0], names.Skip(1).ToArray(), note, true, change.LineNumber, Document.Path, info.Family, info.Scope);
        Track(change.LineNumber, entry);
        return change;
    }

    /// <summary>
    /// Applies <paramref name="update"/> to every line naming <paramref name="hostName"/> (as first name or alias;
    /// wildcards * and ?), the way <see cref="Set(string, HostsEntryUpdate, bool)"/> does without <c>wholeLine</c>.
    /// </summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.EntryNotFound when no line matches.</exception>
    public IReadOnlyList<HostsLineChange> Set(string hostName, HostsEntryUpdate update) => Set(hostName, update, wholeLine: false);

    /// <summary>
    /// Applies <paramref name="update"/> to every line naming <paramref name="hostName"/> (as first name or alias;
    /// wildcards * and ?). Enabled lines only, unless the update enables. With a new address, only lines of its
    /// family (IPv4 or IPv6) change when there are any, so localhost's ::1 line keeps an IPv6 address.
    /// A new address moves only the names asked for: when they are aliases of a line with other names, they leave it
    /// (its address, other names and comment stay) and go on a new line right after it, to which the rest of the
    /// update applies. A line whose first name matches is the entry itself and changes whole, as with <paramref name="wholeLine"/>.
    /// </summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.EntryNotFound when no line matches.</exception>
    public IReadOnlyList<HostsLineChange> Set(string hostName, HostsEntryUpdate update, bool wholeLine)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        hostName = HostsInput.NameToFind(hostName ?? throw new ArgumentNullException(nameof(hostName)));
        var pattern = new WildcardPattern(hostName);
        var targets = CurrentEntriesNaming(hostName)
            .Where(t => (t.Entry.Enabled || update.Enabled == true) && HostsNameIndex.NamesOf(t.Entry).Any(pattern.IsMatch))
            .ToList();
        if (update.AddressInfo is not null && targets.Any(t => t.Entry.AddressFamily == update.AddressInfo.Family))
        {
            targets = targets.Where(t => t.Entry.AddressFamily == update.AddressInfo.Family).ToList();
        }

        if (targets.Count == 0)
        {
            if (!wholeLine && MovedEarlier(pattern))
            {
                // An earlier record of this run already moved the name to a line of its own.
                return Array.Empty<HostsLineChange>();
            }

            throw HostsErrors.EntryNotFound(Document.Path, $"for '{hostName}'");
        }

        return targets.Select(t => PlanSet(t.Line, t.Entry, pattern, update, wholeLine)).Where(c => c is not null).ToList()!;
    }

    /// <summary>Applies <paramref name="update"/> to one line, after checking it still holds <paramref name="hostName"/>.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.ConcurrentModification when the line no longer holds that name.</exception>
    public HostsLineChange? SetLine(int lineNumber, string hostName, HostsEntryUpdate update)
    {
        if (update is null)
        {
            throw new ArgumentNullException(nameof(update));
        }

        ExpectEntry(lineNumber, hostName);
        return Plan(lineNumber, update.ApplyTo(CurrentText(lineNumber)));
    }

    /// <summary>
    /// Removes names or lines. With <paramref name="hostName"/> (wildcards allowed), the matching names leave their
    /// lines and a line goes only when no name is left, so other names on a shared line survive. With only
    /// <paramref name="address"/>, whole lines with that address go. Enabled and commented-out lines both count.
    /// </summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.InvalidUpdate (neither given), Hosts.InvalidAddress, Hosts.EntryNotFound.</exception>
    public IReadOnlyList<HostsLineChange> Remove(string? hostName, string? address)
    {
        if (string.IsNullOrEmpty(hostName) && string.IsNullOrEmpty(address))
        {
            throw HostsErrors.InvalidUpdate("Remove needs a host name, an address, or an entry from Get-HostsEntry.");
        }

        hostName = hostName is null ? null : HostsInput.NameToFind(hostName);
        var wanted = string.IsNullOrEmpty(address) ? null : HostsInput.AddressToMatch(address).Normalized;
        var pattern = string.IsNullOrEmpty(hostName) ? null : new WildcardPattern(hostName!);
        var changes = new List<HostsLineChange>();
        var candidates = pattern is null ? CurrentEntries(false) : CurrentEntriesNaming(hostName!);
        foreach (var (line, entry) in candidates.ToList())
        {
            if (wanted is not null && AddressInfo.TryCreate(entry.IPAddress)?.Normalized != wanted)
            {
                continue;
            }

            var names = HostsNameIndex.NamesOf(entry).ToList();
            var kept = pattern is null ? new List<string>() : names.Where(n => !pattern.IsMatch(n)).ToList();
            if (kept.Count == names.Count)
            {
                continue;
            }

            var text = CurrentText(line);
            var change = Plan(line, kept.Count == 0 ? null : EntryLineLayout.Parse(text).WithNames(kept));
            if (change is not null)
            {
                changes.Add(change);
            }
        }

        if (changes.Count == 0)
        {
            var what = pattern is null ? $"with address {address}" : wanted is null ? $"for '{hostName}'" : $"for '{hostName}' with address {address}";
            throw HostsErrors.EntryNotFound(Document.Path, what);
        }

        return changes;
    }

    /// <summary>Removes one whole line, after checking it still holds <paramref name="hostName"/>.</summary>
    /// <exception cref="Diagnostics.LoopbackToolsException">Hosts.ConcurrentModification when the line no longer holds that name.</exception>
    public HostsLineChange RemoveLine(int lineNumber, string hostName)
    {
        ExpectEntry(lineNumber, hostName);
        return Plan(lineNumber, null)!;
    }

    /// <summary>Builds the file with every planned edit.</summary>
    public HostsEditResult Build() => Build(null);

    /// <summary>Builds the file with only <paramref name="include"/> of the planned edits (those -Confirm approved).</summary>
    public HostsEditResult Build(IEnumerable<HostsLineChange>? include)
    {
        var chosen = include is null ? new HashSet<HostsLineChange>(Changes) : new HashSet<HostsLineChange>(include);
        var edits = _edits.Where(e => chosen.Contains(e.Value)).ToDictionary(e => e.Key, e => e.Value);
        var added = _added.Where(chosen.Contains).ToList();
        var ending = Document.PreferredLineEnding;
        var newLinesOf = new Dictionary<HostsLineChange, List<int>>();
        var lineCount = Document.Lines.Count;

        using var output = new MemoryStream(Document.ContentLength + 256);
        var preamble = Document.PreambleBytes;
        output.Write(preamble, 0, preamble.Length);
        var written = 0;
        var lastEnding = LineEnding.Lf;
        for (var n = 1; n <= lineCount; n++)
        {
            if (!edits.TryGetValue(n, out var edit))
            {
                if (lastEnding == LineEnding.Cr && Document.IsEmptyLfLine(n))
                {
                    // Found by fuzzing: with the lines between removed, "\r" then "\n" would read back as one CRLF
                    // and this blank line would vanish. It keeps its place, ended like the line before it.
                    Write(output, string.Empty, LineEnding.Cr);
                }
                else
                {
                    Document.WriteLine(n, output);
                    lastEnding = Document.EndingOf(n);
                }

                written++;
                continue;
            }

            // The line as edited, then the lines split off it: the last keeps the line's own ending, so a file
            // without a final newline still has none; the others end as the line does, or as the file prefers.
            IReadOnlyList<string> texts = edit.After is null ? edit.Inserted : new[] { edit.After }.Concat(edit.Inserted).ToList();
            var own = Document.Lines[n - 1].Ending;
            for (var i = 0; i < texts.Count; i++)
            {
                var lineEnding = i < texts.Count - 1 && own == LineEnding.None ? ending : own;
                Write(output, texts[i], lineEnding);
                lastEnding = lineEnding;
                LinesOf(newLinesOf, edit).Add(++written);
            }
        }

        if (added.Count > 0 && written > 0 && lastEnding == LineEnding.None)
        {
            // The file had no final newline: end its last line before adding ours.
            Write(output, string.Empty, ending);
        }

        foreach (var add in added)
        {
            Write(output, add.After!, ending);
            LinesOf(newLinesOf, add).Add(++written);
        }

        var content = output.ToArray();
        var document = HostsDocument.Parse(content, Document.Path);

        if (document.Encoding != Document.Encoding)
        {
            // Found by fuzzing: no byte-keeping write can keep the meaning of such a file (docs/reliability.md).
            throw HostsErrors.EncodingWouldChange(Document.Path, Document.Encoding, document.Encoding);
        }

        var changes = edits.Values.Concat(added).ToList();
        var entries = changes.Where(newLinesOf.ContainsKey).SelectMany(c => newLinesOf[c]).Select(n => document.Lines[n - 1].Entry).OfType<HostsEntry>().ToList();
        var beforeEntries = edits.Keys.Select(n => Document.Lines[n - 1].Entry).OfType<HostsEntry>().ToList();
        var removed = edits.Where(e => e.Value.After is null).Select(e => Document.Lines[e.Key - 1].Entry).OfType<HostsEntry>().ToList();
        var warnings = HostsWarningAnalyzer.Analyze(Document, document, beforeEntries, entries, onlyAppended: edits.Count == 0);
        return new HostsEditResult(content, document, changes, entries, removed, warnings);
    }

    private static List<int> LinesOf(Dictionary<HostsLineChange, List<int>> newLinesOf, HostsLineChange change)
    {
        if (!newLinesOf.TryGetValue(change, out var lines))
        {
            lines = new List<int>();
            newLinesOf[change] = lines;
        }

        return lines;
    }

    private void Write(Stream output, string text, LineEnding ending)
    {
        var bytes = Document.EncodeLine(text, ending);
        output.Write(bytes, 0, bytes.Length);
    }

    /// <summary>
    /// Records that line <paramref name="lineNumber"/> becomes <paramref name="after"/> (null: removed), with
    /// <paramref name="insert"/> as a new line after it (besides those planned before); null when that is no change.
    /// </summary>
    private HostsLineChange? Plan(int lineNumber, string? after, string? insert = null)
    {
        var before = Document.Lines[lineNumber - 1].Text;
        IReadOnlyList<string> inserted = _edits.TryGetValue(lineNumber, out var earlier) ? earlier.Inserted : Array.Empty<string>();
        if (insert is not null)
        {
            inserted = inserted.Append(insert).ToList();
        }

        if (after == before && inserted.Count == 0)
        {
            _edits.Remove(lineNumber);
            Track(lineNumber, null);
            return null;
        }

        var change = new HostsLineChange(after is null ? HostsChangeKind.Remove : HostsChangeKind.Change, lineNumber, before, after, inserted);
        _edits[lineNumber] = change;
        Track(lineNumber, after is null ? null : ParseLine(after, lineNumber));
        return change;
    }

    /// <summary>
    /// Set's edit of one line: the whole line, or, when a new address is for aliases only, the line without them
    /// plus a new line after it that holds them, built from the line (its indentation, separator and switched-off mark)
    /// without its comment, with the update applied.
    /// </summary>
    private HostsLineChange? PlanSet(int lineNumber, HostsEntry entry, WildcardPattern pattern, HostsEntryUpdate update, bool wholeLine)
    {
        var text = CurrentText(lineNumber);
        var layout = EntryLineLayout.Parse(text);
        var names = layout.Names;
        var moving = update.AddressInfo is not null
            && !wholeLine
            && !pattern.IsMatch(names[0])
            && AddressInfo.TryCreate(entry.IPAddress)?.Normalized != update.AddressInfo.Normalized;
        if (!moving)
        {
            return Plan(lineNumber, update.ApplyTo(text));
        }

        var moved = names.Where(pattern.IsMatch).ToList();
        var kept = names.Where(n => !pattern.IsMatch(n)).ToList();
        var split = EntryLineLayout.Parse(layout.WithNames(moved)).WithComment(string.Empty);
        return Plan(lineNumber, layout.WithNames(kept), update.ApplyTo(split));
    }

    /// <summary>Whether a line planned as moved-off names holds a name <paramref name="pattern"/> matches.</summary>
    private bool MovedEarlier(WildcardPattern pattern) =>
        _edits.Values.SelectMany(c => c.Inserted).Any(text => EntryLineLayout.Parse(text).Names.Any(pattern.IsMatch));

    /// <summary>
    /// Records line <paramref name="lineNumber"/>'s entry as planned (an existing line back to its own text: pass null,
    /// its <see cref="_edits"/> entry already gone) and moves its names in the index.
    /// </summary>
    private void Track(int lineNumber, HostsEntry? planned)
    {
        var index = Index;
        if (EntryAt(lineNumber) is { } old)
        {
            foreach (var name in HostsNameIndex.NamesOf(old))
            {
                index.Remove(name, lineNumber);
            }
        }

        if (_edits.ContainsKey(lineNumber) || lineNumber > Document.Lines.Count)
        {
            _planned[lineNumber] = planned;
        }
        else
        {
            _planned.Remove(lineNumber);
        }

        if (EntryAt(lineNumber) is { } now)
        {
            foreach (var name in HostsNameIndex.NamesOf(now))
            {
                index.Add(name, lineNumber);
            }
        }
    }

    /// <summary>The entry line <paramref name="lineNumber"/> holds with the planned edits (null: none).</summary>
    private HostsEntry? EntryAt(int lineNumber) =>
        _planned.TryGetValue(lineNumber, out var planned) ? planned : lineNumber <= Document.Lines.Count ? Document.EntryOfLine(lineNumber) : null;

    /// <summary>The index of every name of the file as read, built on first use.</summary>
    private HostsLineIndex Index
    {
        get
        {
            if (_index is null)
            {
                _index = new HostsLineIndex();
                for (var i = 0; i < Document.EntryCount; i++)
                {
                    var entry = Document.Entries[i];
                    foreach (var name in HostsNameIndex.NamesOf(entry))
                    {
                        _index.Add(name, entry.LineNumber);
                    }
                }
            }

            return _index;
        }
    }

    /// <summary>
    /// What <see cref="CurrentEntries"/> (without added lines) holds for lines that may name <paramref name="pattern"/>:
    /// for a literal name the index's lines, in file order; for a wildcard pattern every entry.
    /// </summary>
    private IEnumerable<(int Line, HostsEntry Entry)> CurrentEntriesNaming(string pattern)
    {
        if (WildcardPattern.ContainsWildcards(pattern) || pattern.IndexOf('`') >= 0)
        {
            return CurrentEntries(false);
        }

        return Index.LinesOf(pattern).Where(n => n <= Document.Lines.Count).Select(n => (Line: n, Entry: EntryAt(n)!));
    }

    /// <summary>The first enabled line (added lines included) that maps one of <paramref name="names"/>, and which name: what a scan in file order would find first.</summary>
    private (HostsEntry Entry, string Name)? FirstEnabledNaming(IReadOnlyList<string> names)
    {
        if (!names.All(HostsLineIndex.FindsAllIgnoringCase))
        {
            foreach (var (_, entry) in CurrentEntries(true))
            {
                var taken = names.FirstOrDefault(n => entry.Enabled && HostsNameIndex.NamesOf(entry).Contains(n, StringComparer.OrdinalIgnoreCase));
                if (taken is not null)
                {
                    return (entry, taken);
                }
            }

            return null;
        }

        HostsEntry? first = null;
        var firstLine = int.MaxValue;
        foreach (var name in names)
        {
            foreach (var line in Index.LinesOf(name))
            {
                if (line >= firstLine)
                {
                    break;
                }

                // The index compares as the wildcard engine does; the answer is what OrdinalIgnoreCase says.
                if (EntryAt(line) is { Enabled: true } entry && HostsNameIndex.NamesOf(entry).Contains(name, StringComparer.OrdinalIgnoreCase))
                {
                    first = entry;
                    firstLine = line;
                    break;
                }
            }
        }

        return first is null ? null : (first, names.First(n => HostsNameIndex.NamesOf(first).Contains(n, StringComparer.OrdinalIgnoreCase)));
    }

    private string CurrentText(int lineNumber) =>
        _edits.TryGetValue(lineNumber, out var edit) ? edit.After ?? string.Empty : Document.Lines[lineNumber - 1].Text;

    /// <summary>The entries as they are with the planned edits: edited lines re-parsed, removed lines gone, added lines last.</summary>
    private IEnumerable<(int Line, HostsEntry Entry)> CurrentEntries(bool includeAdded)
    {
        for (var i = 0; i < Document.EntryCount; i++)
        {
            var line = Document.Entries[i].LineNumber;
            if (EntryAt(line) is { } entry)
            {
                yield return (line, entry);
            }
        }

        foreach (var add in includeAdded ? _added : Enumerable.Empty<HostsLineChange>())
        {
            if (EntryAt(add.LineNumber) is { } added)
            {
                yield return (add.LineNumber, added);
            }
        }
    }

    private HostsEntry? ParseLine(string text, int lineNumber) =>
        HostsDocument.Parse(text, Document.Path).Entries.Select(e => new HostsEntry(e.IPAddress, e.HostName, e.Aliases, e.Comment, e.Enabled, lineNumber, e.Path, e.AddressFamily, e.Scope)).FirstOrDefault();

    private void ExpectEntry(int lineNumber, string hostName)
    {
        var holds = lineNumber >= 1 && lineNumber <= Document.Lines.Count
            && ParseLine(CurrentText(lineNumber), lineNumber) is { } entry
            && HostsNameIndex.NamesOf(entry).Contains(hostName, StringComparer.OrdinalIgnoreCase);
        if (!holds)
        {
            throw HostsErrors.ConcurrentModification(Document.Path, $"line {lineNumber} no longer holds '{hostName}'");
        }
    }

    /// <summary>A tab when the file's last entry has one after its address (as many files do), else a space; never a run of padding.</summary>
    /// <remarks>Worked out once per editor: it depends on the file as read only, and every added line asks.</remarks>
    private string NewLineSeparator() => _separator ??= FindNewLineSeparator();

    private string FindNewLineSeparator()
    {
        if (Document.EntryCount == 0)
        {
            return " ";
        }

        var last = Document.Entries[Document.EntryCount - 1];
        return EntryLineLayout.Parse(Document.Lines[last.LineNumber - 1].Text).AddressSeparator.IndexOf('\t') >= 0 ? "\t" : " ";
    }
}
