using System.Text;
using CsCheck;
using LoopbackTools.Hosts;

namespace LoopbackTools.Tests.Hosts;

/// <summary>
/// Property tests of the hosts edit model on generated files (mixed line endings, BOM, tabs, comments,
/// disabled lines, malformed lines, no final newline) and generated edit sequences: a file parses and writes
/// back to itself, lines no edit touched keep their bytes, and removing what was added restores the file.
/// </summary>
public sealed class HostsEditPropertyTests
{
    private const int Iterations = 400;

    private static readonly Gen<string> Blank = Gen.OneOf(" ", "\t", "  ", " \t ");
    private static readonly Gen<string> Name = Gen.OneOf("localhost", "web.test", "api.test", "db.local", "x", "ip6-localhost", "Mixed.Case.test");
    // What an edit writes: the forms the editor accepts. File lines also hold a zone index (the editor refuses to write one).
    private static readonly Gen<string> Address = Gen.OneOf("127.0.0.1", "::1", "127.0.1.1", "0.0.0.0", "192.0.2.10", "fe80::1", "2001:db8::5");
    private static readonly Gen<string> LineAddress = Gen.OneOf(Address, Gen.Const("fe80::1%lo0"));
    private static readonly Gen<string> Words = Gen.OneOf("comment", "a # b", "Ünïcode", "tabs\tinside", "");

    private static readonly Gen<string> Entry =
        Gen.Select(Gen.OneOf("", " ", "\t"), LineAddress, Blank, Name.Array[1, 3], Blank, Gen.Int[0, 1], Words,
            (lead, address, gap, names, gap2, commented, words) =>
                lead + address + gap + string.Join(gap2, names) + (commented == 1 ? gap2 + "# " + words : string.Empty));

    private static readonly Gen<string> LineText = Gen.OneOf(
        Entry,
        Entry.Select(e => "#" + e),
        Entry.Select(e => "# " + e.TrimStart()),
        Words.Select(w => "# " + w),
        Gen.OneOf("", " ", "\t", "#", "###"),
        Gen.OneOf("garbage", "127.0.0.1", "999.1.1.1 bad.test", "127.0.0.1 bad_name!"));

    private static readonly Gen<string> Ending = Gen.OneOf("\n", "\r\n", "\r");

    /// <summary>(preamble, lines with endings; the last one may have none).</summary>
    private static readonly Gen<byte[]> File =
        Gen.Select(Gen.Int[0, 3], Gen.Select(LineText, Ending).Array[0, 10], Gen.Bool, (encoding, lines, finalNewline) => Encode(encoding, lines, finalNewline));

    private static readonly Gen<Edit> OneEdit = Gen.Select(Gen.Int[0, 6], Gen.Int[0, 100], Name, Address, Words,
        (kind, index, name, address, words) => new Edit(kind, index, name, address, words));

    [Fact]
    public void A_file_parses_and_writes_back_to_itself() =>
        File.Sample(bytes =>
        {
            var document = HostsDocument.Parse(bytes, "generated");
            var written = document.ToBytes();
            if (document.Encoding is HostsEncoding.Utf8 or HostsEncoding.Utf8WithBom)
            {
                Assert.Equal(bytes, written);
            }

            var again = HostsDocument.Parse(written, "generated");
            Assert.Equal(Describe(document), Describe(again));
            Assert.Equal(written, again.ToBytes());
        }, iter: Iterations);

    [Fact]
    public void Lines_no_edit_touched_keep_their_bytes_and_the_result_parses_back()
    {
        var edited = 0;
        Gen.Select(File, OneEdit.Array[1, 4]).Sample((bytes, edits) =>
        {
            var document = HostsDocument.Parse(bytes, "generated");
            var original = document.ToBytes();
            var editor = new HostsEditor(document);
            foreach (var edit in edits)
            {
                edit.TryApply(editor, document);
            }

            var result = editor.Build();
            var content = result.ToBytes();
            Assert.Equal(Spliced(document, original, editor.Changes), content);
            var reparsed = HostsDocument.Parse(content, "generated");
            Assert.Equal(Describe(result.Document), Describe(reparsed));
            Assert.Equal(content, reparsed.ToBytes());
            if (editor.Changes.Any(c => c.Kind != HostsChangeKind.Add))
            {
                Interlocked.Increment(ref edited);
            }
        }, iter: Iterations);

        // Most generated cases must edit existing lines, or the property would hold vacuously.
        Assert.True(edited > Iterations / 4, $"only {edited} of {Iterations} cases changed or removed a line");
    }

    [Fact]
    public void Remove_after_Add_gives_back_the_original_bytes() =>
        Gen.Select(File, Address, Gen.Bool).Sample((bytes, address, alias) =>
        {
            var document = HostsDocument.Parse(bytes, "generated");
            var original = document.ToBytes();
            var adding = new HostsEditor(document);
            adding.Add(address, "added.property.test", alias ? new[] { "alias.property.test" } : null, alias ? "note" : null, force: false);
            var added = adding.Build();

            var removing = new HostsEditor(added.Document);
            removing.Remove("*.property.test", null); // the name and its alias: the whole line goes
            var restored = removing.Build().ToBytes();

            // A file without a final newline keeps the one the Add had to give its last line.
            var expected = document.EndsWithNewline ? original : original.Concat(HostsSplice.Encode(document, HostsDocument.EndingText(document.PreferredLineEnding))).ToArray();
            Assert.Equal(expected, restored);
        }, iter: Iterations);

    /// <summary>The expected bytes, built without the editor: every untouched line's original byte range, the new text for changed lines, added lines last.</summary>
    private static byte[] Spliced(HostsDocument document, byte[] original, IReadOnlyList<HostsLineChange> changes)
    {
        var edited = changes.Where(c => c.Kind != HostsChangeKind.Add).ToDictionary(c => c.LineNumber);
        var added = changes.Where(c => c.Kind == HostsChangeKind.Add).ToList();
        var preamble = original.Length - document.Lines.Sum(l => HostsSplice.Encode(document, l.Text + HostsDocument.EndingText(l.Ending)).Length);
        var output = new List<byte>(original.Take(Math.Max(0, preamble)));
        var lastEnding = LineEnding.Lf;
        for (var n = 1; n <= document.Lines.Count; n++)
        {
            var line = document.Lines[n - 1];
            if (!edited.TryGetValue(n, out var change))
            {
                if (lastEnding == LineEnding.Cr && line.Text.Length == 0 && line.Ending == LineEnding.Lf)
                {
                    // "\r" then "\n" would read back as one CRLF: the blank line is ended with CR instead.
                    output.AddRange(HostsSplice.Encode(document, "\r"));
                    continue;
                }

                var (start, end) = HostsSplice.ByteRange(document, original, n);
                output.AddRange(original.Skip(start).Take(end - start));
                lastEnding = line.Ending;
            }
            else
            {
                // The edited line, then the lines split off it: all but the last end as the line did (or, when it
                // had no ending, as the file prefers); the last keeps the line's own ending.
                var texts = (change.After is null ? Array.Empty<string>() : new[] { change.After }).Concat(change.Inserted).ToList();
                for (var i = 0; i < texts.Count; i++)
                {
                    var lineEnding = i < texts.Count - 1 && line.Ending == LineEnding.None ? document.PreferredLineEnding : line.Ending;
                    output.AddRange(HostsSplice.Encode(document, texts[i] + HostsDocument.EndingText(lineEnding)));
                    lastEnding = lineEnding;
                }
            }
        }

        var ending = HostsDocument.EndingText(document.PreferredLineEnding);
        if (added.Count > 0 && output.Count > Math.Max(0, preamble) && lastEnding == LineEnding.None)
        {
            output.AddRange(HostsSplice.Encode(document, ending));
        }

        foreach (var add in added)
        {
            output.AddRange(HostsSplice.Encode(document, add.After + ending));
        }

        return output.ToArray();
    }

    private static byte[] Encode(int encoding, (string Text, string Ending)[] lines, bool finalNewline)
    {
        var text = new StringBuilder();
        for (var i = 0; i < lines.Length; i++)
        {
            // "\r" then an empty "\n" line would read back as one "\r\n": keep the generated lines unambiguous.
            var line = i > 0 && lines[i - 1].Ending == "\r" && lines[i].Text.Length == 0 ? " " : lines[i].Text;
            text.Append(line).Append(i == lines.Length - 1 && !finalNewline ? string.Empty : lines[i].Ending);
        }

        return encoding switch
        {
            1 => new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray(),
            2 => new byte[] { 0xFF, 0xFE }.Concat(Encoding.Unicode.GetBytes(text.ToString())).ToArray(),
            _ => Encoding.UTF8.GetBytes(text.ToString()),
        };
    }

    private static string[] Describe(HostsDocument document) =>
        document.Lines.Select(l => $"{l.Kind}|{l.Text}|{l.Ending}|{l.Entry}").ToArray();

    /// <summary>One generated edit; the editor's own refusals (no such entry, name already mapped...) leave the plan as it was.</summary>
    private sealed record Edit(int Kind, int Index, string Name, string Address, string Words)
    {
        public void TryApply(HostsEditor editor, HostsDocument document)
        {
            var entry = document.Entries.Count == 0 ? null : document.Entries[Index % document.Entries.Count];
            try
            {
                switch (Kind)
                {
                    case 0:
                        editor.Add(Address, Name, null, Words, force: Index % 2 == 0);
                        break;
                    case 1 when entry is not null:
                        editor.SetLine(entry.LineNumber, entry.HostName, new HostsEntryUpdate(null, null, Words, false, false));
                        break;
                    case 2 when entry is not null:
                        editor.SetLine(entry.LineNumber, entry.HostName, new HostsEntryUpdate(null, null, null, enable: !entry.Enabled, disable: entry.Enabled));
                        break;
                    case 3 when entry is not null:
                        editor.Remove(entry.HostName, null);
                        break;
                    case 4 when entry is not null:
                        editor.Set(entry.HostName, new HostsEntryUpdate(Address, new[] { Name }, null, false, false));
                        break;
                    case 5 when entry is not null:
                        editor.RemoveLine(entry.LineNumber, entry.HostName);
                        break;
                    case 6 when entry is not null && entry.Aliases.Length > 0:
                        // An alias to a new address: it moves to a line of its own right after this one.
                        editor.Set(entry.Aliases[Index % entry.Aliases.Length], new HostsEntryUpdate(Address, null, Index % 3 == 0 ? Words : null, false, false));
                        break;
                }
            }
            catch (Diagnostics.LoopbackToolsException e) when (e.ErrorId.StartsWith("Hosts.", StringComparison.Ordinal))
            {
                // Refused as documented: the plan is unchanged.
            }
        }
    }
}
